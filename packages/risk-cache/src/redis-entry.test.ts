import { describe, expect, it } from "vitest";
import { parseEntry } from "./redis-entry.ts";

describe("parseEntry", () => {
  it("splits the five header lines from a payload that may itself hold newlines", () => {
    expect(parseEntry('g1\nu1\n\n1700000000000\n1700000030000\n{"a":"x\\ny"}\nmore')).toEqual({
      versions: ["g1", "u1", ""],
      storedAt: 1_700_000_000_000,
      freshUntil: 1_700_000_030_000,
      payload: '{"a":"x\\ny"}\nmore',
    });
  });

  it("treats a value without the full header as no entry", () => {
    expect(parseEntry("g\nu\nk\n1")).toBeNull();
    expect(parseEntry("")).toBeNull();
  });
});
