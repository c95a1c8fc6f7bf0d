import { describe, expect, it } from "vitest";
import { BREACHES_FIRST, searchTraders, sortTraders, type TraderRow } from "./traders-sort.ts";

function trader(name: string, fields: Partial<TraderRow> = {}): TraderRow {
  return {
    id: name,
    name,
    email: `${name.toLowerCase()}@firm.example.com`,
    score: { value: 50, status: "OK", driver: "Leverage" },
    gross: 100,
    net: 10,
    var: 5,
    currency: "USD",
    openBreaches: 0,
    ...fields,
  };
}

const rows = [
  trader("Maya", {
    openBreaches: 1,
    gross: 300,
    score: { value: 80, status: "BREACH", driver: "" },
  }),
  trader("Jonas", {
    gross: Number.NaN,
    score: { value: Number.NaN, status: "NO_DATA", driver: "" },
  }),
  trader("Priya", { openBreaches: 2, gross: 200 }),
  trader("Lucas", { gross: 400, score: { value: 60, status: "WARN", driver: "" } }),
];
const names = (list: TraderRow[]) => list.map((t) => t.name);

describe("sortTraders", () => {
  it("puts the most breaches first by default, ties by name", () => {
    expect(names(sortTraders(rows, BREACHES_FIRST))).toEqual(["Priya", "Maya", "Jonas", "Lucas"]);
  });

  it("sorts numbers either way with the unvalued last", () => {
    const gross = { column: "gross", descending: true } as const;
    expect(names(sortTraders(rows, gross))).toEqual(["Lucas", "Maya", "Priya", "Jonas"]);
    expect(names(sortTraders(rows, { ...gross, descending: false }))).toEqual([
      "Priya",
      "Maya",
      "Lucas",
      "Jonas",
    ]);
  });

  it("sorts by status worst first, and by name A to Z", () => {
    const status = sortTraders(rows, { column: "status", descending: true });
    expect(names(status)).toEqual(["Maya", "Lucas", "Priya", "Jonas"]);
    expect(names(sortTraders(rows, { column: "name", descending: false }))).toEqual([
      "Jonas",
      "Lucas",
      "Maya",
      "Priya",
    ]);
  });
});

describe("searchTraders", () => {
  it("matches name or email, whatever the case", () => {
    expect(names(searchTraders(rows, " PRI "))).toEqual(["Priya"]);
    expect(names(searchTraders(rows, "lucas@"))).toEqual(["Lucas"]);
    expect(searchTraders(rows, "")).toHaveLength(4);
    expect(searchTraders(rows, "nobody")).toEqual([]);
  });
});
