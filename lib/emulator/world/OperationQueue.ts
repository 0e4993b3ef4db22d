import type { Operation } from './Sim.js';

/**
 * The world's scheduler: the operations waiting for their next segment, each due at a simulated
 * time. The earliest comes out first; among equals, the one queued first, so that the order of
 * events depends only on the seed.
 *
 * @internal
 */
export class OperationQueue {
  private readonly scheduled: { at: number; seq: number; op: Operation }[] = [];
  private seq = 0;

  /** How many operations are waiting. */
  get size(): number {
    return this.scheduled.length;
  }

  /** Queues `op` to run its next segment at simulated time `at` (epoch ms). */
  push(op: Operation, at: number): void {
    this.scheduled.push({ at, seq: this.seq++, op });
  }

  /** Takes out the operation due first, if any. */
  popEarliest(): { at: number; op: Operation } | undefined {
    // A linear scan: the queue holds a handful of operations (the director keeps three going).
    let best = -1;
    for (let i = 0; i < this.scheduled.length; i++) {
      const entry = this.scheduled[i]!;
      const current = this.scheduled[best];
      if (current === undefined || entry.at < current.at || (entry.at === current.at && entry.seq < current.seq)) best = i;
    }
    return best < 0 ? undefined : this.scheduled.splice(best, 1)[0];
  }
}
