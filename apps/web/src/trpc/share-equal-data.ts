import { replaceEqualDeep } from "@tanstack/react-query";

/** `next` with every Date that equals the one at the same place in `previous` replaced by it. */
function reuseEqualDates(previous: unknown, next: unknown): unknown {
  if (next instanceof Date) {
    return previous instanceof Date && previous.getTime() === next.getTime() ? previous : next;
  }
  if (Array.isArray(next)) {
    const before = Array.isArray(previous) ? previous : [];
    return next.map((item, i) => reuseEqualDates(before[i], item));
  }
  if (
    next !== null &&
    typeof next === "object" &&
    Object.getPrototypeOf(next) === Object.prototype
  ) {
    const before = (previous ?? {}) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(next).map(([key, value]) => [key, reuseEqualDates(before[key], value)]),
    );
  }
  return next;
}

/**
 * React Query's structural sharing, extended to Dates: superjson hands back a new Date on every
 * poll, which the default treats as a change, so every object holding one (an alert, say) would
 * look new and re-render. With equal Dates reused, unchanged data keeps its identity.
 */
export function shareEqualData(previous: unknown, next: unknown): unknown {
  return replaceEqualDeep(previous, reuseEqualDates(previous, next));
}
