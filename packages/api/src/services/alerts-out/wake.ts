/**
 * Tells this process's delivery workers that a transaction committed new deliveries, so they
 * send them now rather than at their next poll. Only a shortcut: a worker of another instance
 * finds them at its next poll (ALERT_DELIVERY_INTERVAL_MS), and so does this one if it missed it.
 */
const listeners = new Set<() => void>();

export function onDeliveriesCreated(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function deliveriesCreated(): void {
  for (const listener of listeners) listener();
}
