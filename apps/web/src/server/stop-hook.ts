/**
 * How the app's HTTP server (scripts/server.ts) stops what the app started in its process (the
 * price feed, the cache's Redis connections, the database pool) once Next has closed. That
 * server runs outside anything Next builds and cannot import the app's modules, so the app
 * leaves its stop step on the process, under a key both sides import from here. No imports:
 * Node runs this file as it is (type stripping), beside scripts/server.ts in the Docker image.
 */
const STOP_HOOK = Symbol.for("risk-dashboard.stop");

export type StopHook = () => Promise<void>;

const holder = globalThis as typeof globalThis & { [STOP_HOOK]?: StopHook };

export function setStopHook(hook: StopHook): void {
  holder[STOP_HOOK] = hook;
}

/** The app's stop step; undefined before Next has started the app (or in a build without it). */
export function stopHook(): StopHook | undefined {
  return holder[STOP_HOOK];
}
