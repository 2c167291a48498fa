import type { Controller } from '../context.ts';

/** Every control loop of the demo cluster, in start order. */
export function allControllers(): Controller[] {
  return [];
}
