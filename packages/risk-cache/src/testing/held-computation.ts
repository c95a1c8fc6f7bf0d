/**
 * A computation a test holds open, so interleavings are set by the test and not by timing:
 * `started` resolves once the cache has begun computing, `release` lets it finish. `body` runs
 * at the start (reading "the database" then), and its result is returned after the release.
 */
export function heldComputation<T>(body: () => T | Promise<T>) {
  let markStarted: () => void = () => undefined;
  let release: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const compute = async () => {
    const result = body();
    markStarted();
    await gate;
    return result;
  };
  return { started, release, compute };
}
