type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;

/**
 * React Query's structural sharing, extended to Dates and NaN: `next`, with every part equal to
 * the same place in `previous` replaced by that part of `previous`, so unchanged data keeps its
 * identity and memoised sections skip rendering. superjson hands back a new Date on every poll,
 * which React Query's own `replaceEqualDeep` treats as a change (an alert holding one would look
 * new); and it compares numbers with ===, so an answer holding a NaN (a figure of an empty book)
 * was new at every comparison: a query showing it as placeholder data while its next version
 * loaded (the charts, the stress panel) then re-rendered without end. Values are equal here as
 * `Object.is` says, Dates when they name the same moment.
 */
export function shareEqualData(previous: unknown, next: unknown): unknown {
  if (Object.is(previous, next)) return previous;
  if (next instanceof Date) {
    return previous instanceof Date && previous.getTime() === next.getTime() ? previous : next;
  }
  if (Array.isArray(next)) {
    if (!Array.isArray(previous)) return next;
    const shared = next.map((item, i) => shareEqualData(previous[i], item));
    const same =
      shared.length === previous.length && shared.every((item, i) => Object.is(item, previous[i]));
    return same ? previous : shared;
  }
  if (isPlain(next)) {
    if (!isPlain(previous)) return next;
    const keys = Object.keys(next);
    const shared: Plain = {};
    for (const key of keys) shared[key] = shareEqualData(previous[key], next[key]);
    const same =
      keys.length === Object.keys(previous).length &&
      keys.every((key) => Object.hasOwn(previous, key) && Object.is(shared[key], previous[key]));
    return same ? previous : shared;
  }
  return next;
}
