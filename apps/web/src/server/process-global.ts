/**
 * A value the server process holds once. It is kept on globalThis, not in a module variable:
 * development hot reloads run a module again and Next bundles a module once per entry point (the
 * instrumentation hook, each route), and either would otherwise make a second pool, cache or feed.
 */
export interface ProcessGlobal<T> {
  /** The value, made by `make` the first time it is asked for. */
  get(make: () => T): T;
  /** The value if one is held, without making it. */
  peek(): T | undefined;
  set(value: T): void;
  /** Empties the slot and gives back what it held, for the caller to close. */
  take(): T | undefined;
}

/** The slot `name` on globalThis; one name per value (the names of the server/ modules). */
export function processGlobal<T>(name: string): ProcessGlobal<T> {
  const holder = globalThis as typeof globalThis & Record<string, T | undefined>;
  return {
    get: (make) => (holder[name] ??= make()),
    peek: () => holder[name],
    set(value) {
      holder[name] = value;
    },
    take() {
      const value = holder[name];
      holder[name] = undefined;
      return value;
    },
  };
}
