/**
 * What a trader's metrics must show after the writes the harness made to that book, for
 * counting stale reads. Only the fields the writes changed are checked (limit thresholds,
 * profile version and VaR confidence, held quantity per symbol): everything else moves with
 * prices.
 */

interface State {
  thresholds: Map<string, number>;
  profile?: { version: number; varConfidence: number };
  quantities: Map<string, number>;
}

/** The part of a risk.dashboard answer the check reads. */
export interface MetricsRead {
  metrics: {
    limits: { id: string; threshold: number }[];
    holdings: { symbol: string; quantity: number }[];
  };
  profile: { version: number; varConfidence: number };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

function reflects(view: MetricsRead, state: State): boolean {
  for (const [id, threshold] of state.thresholds) {
    const limit = view.metrics.limits.find((candidate) => candidate.id === id);
    if (!limit || !close(limit.threshold, threshold)) return false;
  }
  if (
    state.profile &&
    (view.profile.version !== state.profile.version ||
      !close(view.profile.varConfidence, state.profile.varConfidence))
  ) {
    return false;
  }
  for (const [symbol, quantity] of state.quantities) {
    const held = view.metrics.holdings
      .filter((holding) => holding.symbol === symbol)
      .reduce((sum, holding) => sum + holding.quantity, 0);
    if (!close(held, quantity)) return false;
  }
  return true;
}

export class BookExpectations {
  /** states[0] expects nothing; each write pushes the state it leads to. */
  private readonly states: State[] = [{ thresholds: new Map(), quantities: new Map() }];
  /** Index of the newest state whose write was acknowledged (its HTTP response arrived). */
  private acknowledged = 0;
  private queue: Promise<unknown> = Promise.resolve();

  /** The harness's writes to one book run one at a time, so each state follows the last. */
  serialize<T>(write: () => Promise<T>): Promise<T> {
    const result = this.queue.then(write);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Call inside serialize() just before sending a write; `change` edits a copy of the state. */
  begin(change: (state: State) => void): { acknowledge(): void; fail(): void } {
    const last = this.states[this.states.length - 1] as State;
    const next: State = {
      thresholds: new Map(last.thresholds),
      quantities: new Map(last.quantities),
      ...(last.profile ? { profile: { ...last.profile } } : {}),
    };
    change(next);
    this.states.push(next);
    const index = this.states.length - 1;
    return {
      acknowledge: () => {
        this.acknowledged = index;
      },
      // A refused write changed nothing; the next write starts from the state before it.
      fail: () => {
        if (this.states.length - 1 === index) this.states.pop();
      },
    };
  }

  /** Taken when a read is sent: the states it may show start here. */
  readStarted(): number {
    return this.acknowledged;
  }

  /** Taken when the read's answer arrives: writes sent until then may or may not show. */
  readAnswered(): number {
    return this.states.length - 1;
  }

  /**
   * A read sent after state `from` was acknowledged is stale unless it shows `from` or a later
   * state of a write already sent when its answer arrived.
   */
  isStale(view: MetricsRead, from: number, to: number): boolean {
    for (let index = from; index <= to; index++) {
      const state = this.states[index];
      if (state && reflects(view, state)) return false;
    }
    return true;
  }
}
