import { AUDIT_EXPORT_MAX } from "@repo/api/validators";
import { describe, expect, it } from "vitest";
import { auditFiltersOf, NO_FILTERS, readForExport } from "./audit-query.ts";
import type { AuditEvent } from "./audit-words.ts";

describe("auditFiltersOf", () => {
  it("leaves out what is empty and spans the end day whole", () => {
    expect(auditFiltersOf(NO_FILTERS)).toEqual({});
    const filters = auditFiltersOf({
      ...NO_FILTERS,
      entity: "LIMIT",
      from: "2026-03-01",
      to: "2026-03-01",
    });
    expect(filters.entity).toBe("LIMIT");
    const from = new Date(filters.from as string);
    const to = new Date(filters.to as string);
    expect([from.getFullYear(), from.getMonth(), from.getDate(), from.getHours()]).toEqual([
      2026, 2, 1, 0,
    ]);
    expect([to.getMonth(), to.getDate(), to.getHours()]).toEqual([2, 2, 0]);
  });
});

describe("readForExport", () => {
  const event = (n: number) => ({ id: String(n) }) as AuditEvent;

  it("reads every page until the last", async () => {
    const pages = [[1, 2], [3]];
    const { events, more } = await readForExport(async (cursor) => {
      const index = cursor ? Number(cursor) : 0;
      return {
        events: (pages[index] ?? []).map(event),
        nextCursor: index + 1 < pages.length ? String(index + 1) : null,
      };
    });
    expect(events.map((e) => e.id)).toEqual(["1", "2", "3"]);
    expect(more).toBe(false);
  });

  it("stops at the bound and says there was more", async () => {
    let read = 0;
    const { events, more } = await readForExport(async (_cursor, limit) => {
      const page = Array.from({ length: limit }, () => event(read++));
      return { events: page, nextCursor: "next" };
    });
    expect(events).toHaveLength(AUDIT_EXPORT_MAX);
    expect(more).toBe(true);
  });
});
