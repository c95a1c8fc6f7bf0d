import { describe, expect, it } from "vitest";
import { CacheSerializationError, createSerializer } from "./serializer.ts";

class Money {
  constructor(readonly digits: string) {}
}

const serializer = createSerializer([
  {
    name: "Money",
    isApplicable: (value: unknown): value is Money => value instanceof Money,
    serialize: (value: Money) => value.digits,
    deserialize: (digits: string) => new Money(digits),
  },
]);

describe("the cache serializer", () => {
  it("round-trips Dates, Maps, registered custom types and non-finite numbers", () => {
    const value = {
      asOf: new Date("2026-11-25T10:00:00.000Z"),
      cash: new Money("1234567.8901"),
      bySector: new Map([["Energy", 1.5]]),
      beta: Number.NaN,
      leverage: Number.POSITIVE_INFINITY,
    };
    const back = serializer.deserialize<typeof value>(serializer.serialize(value));
    expect(back.asOf).toEqual(value.asOf);
    expect(back.asOf).toBeInstanceOf(Date);
    expect(back.cash).toBeInstanceOf(Money);
    expect(back.cash.digits).toBe("1234567.8901");
    expect(back.bySector.get("Energy")).toBe(1.5);
    expect(back.beta).toBeNaN();
    expect(back.leverage).toBe(Number.POSITIVE_INFINITY);
  });

  it("refuses class instances it could not restore, unless registered", () => {
    class Unregistered {
      x = 1;
    }
    expect(() => serializer.serialize({ book: new Unregistered() })).toThrow(
      /value\.book is a Unregistered, which the cache cannot restore/,
    );
    expect(() => serializer.serialize({ cash: new Money("1") })).not.toThrow();
  });

  it("refuses functions, symbols and cycles when storing, naming where they are", () => {
    expect(() => serializer.serialize({ a: { f: () => 1 } })).toThrow(/value\.a\.f is a function/);
    expect(() => serializer.serialize({ s: Symbol("x") })).toThrow(CacheSerializationError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => serializer.serialize(cyclic)).toThrow(/refers back to itself/);
  });
});
