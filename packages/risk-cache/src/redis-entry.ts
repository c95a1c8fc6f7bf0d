import type { Versions } from "./tier.ts";

export interface ParsedEntry {
  versions: Versions;
  storedAt: number;
  freshUntil: number;
  payload: string;
}

/** Splits the five header lines the write scripts put before the payload (see lua.ts). */
export function parseEntry(text: string): ParsedEntry | null {
  const ends: number[] = [];
  let from = 0;
  for (let line = 0; line < 5; line++) {
    const end = text.indexOf("\n", from);
    if (end < 0) return null;
    ends.push(end);
    from = end + 1;
  }
  const field = (i: number) => text.slice(i === 0 ? 0 : (ends[i - 1] as number) + 1, ends[i]);
  return {
    versions: [field(0), field(1), field(2)],
    storedAt: Number(field(3)),
    freshUntil: Number(field(4)),
    payload: text.slice(from),
  };
}
