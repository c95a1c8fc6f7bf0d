/**
 * Tells this process's delivery workers that a transaction committed new deliveries, so they
 * send them now rather than at their next poll. Only a shortcut: a worker of another instance
 * finds them at its next poll (ALERT_DELIVERY_INTERVAL_MS), and so does this one if it missed it.
 * The listeners live on globalThis: Next may bundle this module twice in one process (the
 * instrumentation hook that starts the worker, the route that values books), and both copies
 * must reach the same workers.
 */
const LISTENERS = Symbol.for("riskDashboard.alertDeliveriesCreated");

function listeners(): Set<() => void> {
  const holder = globalThis as { [LISTENERS]?: Set<() => void> };
  holder[LISTENERS] ??= new Set();
  return holder[LISTENERS];
}

export function onDeliveriesCreated(listener: () => void): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

export function deliveriesCreated(): void {
  for (const listener of listeners()) listener();
}
