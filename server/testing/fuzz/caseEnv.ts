/** What a case is generated against: the run's PRNG, the world as it is now, the console's port. */
import type { FuzzWorld } from './fuzzWorld.ts';
import type { HttpCase } from './httpCase.ts';
import type { Prng } from './prng.ts';

export interface CaseEnv {
  rng: Prng;
  world: FuzzWorld;
  /** The demo cluster's context name in the console. */
  context: string;
  port: number;
  /** This case's number in the run. */
  n: number;
}

/**
 * A case made when its turn comes, not up front: a case after a rebuild must name the rebuilt
 * namespace and carry its objects' current uid and generation.
 */
export type CaseFactory = (env: CaseEnv) => HttpCase;
