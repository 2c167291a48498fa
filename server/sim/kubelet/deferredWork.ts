import { performance } from 'node:perf_hooks';

/** How long one turn of the event loop may spend on deferred kubelet work before yielding. */
export const SLICE_MS = 10;

/**
 * Functions run in order on later turns of the event loop, at most SLICE_MS per turn:
 * at --scale every pod event defers work, and 10,000 immediates run back to back kept
 * the API server from answering for seconds.
 */
export class DeferredWork {
  private tasks: (() => void)[] = [];
  private next = 0;
  private scheduled: NodeJS.Immediate | undefined;

  add(fn: () => void): void {
    this.tasks.push(fn);
    this.scheduled ??= setImmediate(() => this.run());
  }

  clear(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.tasks = [];
    this.next = 0;
  }

  private run(): void {
    this.scheduled = undefined;
    const deadline = performance.now() + SLICE_MS;
    while (this.next < this.tasks.length) {
      if (performance.now() > deadline) {
        this.scheduled = setImmediate(() => this.run());
        return;
      }
      this.tasks[this.next++]();
    }
    this.tasks = [];
    this.next = 0;
  }
}
