/**
 * Bounds on how long a run's steps may take, so a run always ends and says why: a step that
 * overruns its deadline is given up, and a watchdog ends the process when a whole stage does.
 */

/** Settles as `promise` does, or rejects once `ms` have passed: the step is given up, not stopped. */
export function withinDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * One timer over the stages of a run. Each stage gets a budget; when it runs out, `expire`
 * reports what was recorded so far and the process exits with 1. After the last stage the
 * timer no longer keeps the process alive, but still ends it (naming what does) if something
 * left open would.
 */
export class Watchdog {
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly expire: (stage: string, budgetMs: number) => void) {}

  stage(name: string, budgetMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      console.error(`\nwatchdog: "${name}" still running after ${budgetMs / 1_000} s`);
      this.expire(name, budgetMs);
      process.exit(1);
    }, budgetMs);
  }

  finished(exitGraceMs = 10_000): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const open = process.getActiveResourcesInfo().filter((kind) => kind !== "Timeout");
      console.error(
        `watchdog: still alive ${exitGraceMs / 1_000} s after the run, held by ${open}`,
      );
      process.exit(process.exitCode || 1);
    }, exitGraceMs).unref();
  }
}
