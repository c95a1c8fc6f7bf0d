import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import {
  type Caller,
  databaseSnapshot,
  expectRefusedField,
  limitEdit,
  userIdOf,
} from "./book-test-kit.ts";

let fixture: ApiFixture;
let admin: Caller;
let priya: Caller;
let priyaId: string;
/** Priya's open alerts by limit type: her concentration and largest position are over limit. */
let alertOf: (type: string) => Promise<string>;
beforeAll(async () => {
  fixture = await createApiFixture();
  admin = await fixture.callerAs("admin@northwind.example.com");
  priya = await fixture.callerAs("priya@northwind.example.com");
  priyaId = await userIdOf(fixture, "priya@northwind.example.com");
  await priya.risk.dashboard();
  alertOf = async (type) => {
    const { alerts } = await priya.risk.alerts.list();
    const alert = alerts.find((candidate) => candidate.limit.type === type);
    if (!alert) throw new Error(`no open ${type} alert`);
    return alert.id;
  };
});
afterAll(() => fixture.close());

describe("risk.alerts.acknowledge", () => {
  it("records the trader's acknowledgement and note, shown in the list at once", async () => {
    const alertId = await alertOf("MAX_CONCENTRATION");
    const acknowledged = await priya.risk.alerts.acknowledge({
      alertId,
      note: "  Trimming the largest position today.  ",
    });
    expect(acknowledged).toMatchObject({
      id: alertId,
      acknowledgedBy: "Priya Natarajan",
      note: "Trimming the largest position today.",
    });
    expect(acknowledged.acknowledgedAt).toBeInstanceOf(Date);
    const { alerts } = await priya.risk.alerts.list();
    expect(alerts.find((alert) => alert.id === alertId)).toEqual(acknowledged);
  });

  it("keeps the acknowledgement when the next metrics find the limit still breached", async () => {
    const alertId = await alertOf("MAX_CONCENTRATION");
    // An unrelated limit change drops the cached metrics, so the next read recomputes them.
    await admin.risk.limits.update({
      ...(await limitEdit(admin, priyaId, "MAX_DAILY_LOSS")),
      severity: "HARD",
    });
    expect((await priya.risk.dashboard()).freshness.source).toBe("computed");
    const { alerts } = await priya.risk.alerts.list();
    expect(alerts.find((alert) => alert.id === alertId)).toMatchObject({
      resolvedAt: null,
      acknowledgedBy: "Priya Natarajan",
    });
  });

  it("lets an admin acknowledge for a trader of the firm, under the admin's name", async () => {
    const alertId = await alertOf("MAX_POSITION_NOTIONAL");
    const acknowledged = await admin.risk.alerts.acknowledge({
      traderId: priyaId,
      alertId,
      note: "Agreed with Priya to hold until the close.",
    });
    expect(acknowledged.acknowledgedBy).toBe("Avery Admin");
  });

  it("refuses a second acknowledgement with CONFLICT and keeps the first one's note", async () => {
    const alertId = await alertOf("MAX_CONCENTRATION");
    const before = await databaseSnapshot(fixture);
    await expect(
      admin.risk.alerts.acknowledge({ traderId: priyaId, alertId, note: "Seen." }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await databaseSnapshot(fixture)).toEqual(before);
  });

  it("answers NOT_FOUND for an alert of another book, and FORBIDDEN for another's book", async () => {
    const alertId = await alertOf("MAX_CONCENTRATION");
    const maya = await fixture.callerAs("maya@northwind.example.com");
    const harborAdmin = await fixture.callerAs("admin@harbor.example.com");
    const before = await databaseSnapshot(fixture);
    await expect(maya.risk.alerts.acknowledge({ alertId, note: "Mine?" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      maya.risk.alerts.acknowledge({ traderId: priyaId, alertId, note: "Mine?" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      harborAdmin.risk.alerts.acknowledge({ traderId: priyaId, alertId, note: "Mine?" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await databaseSnapshot(fixture)).toEqual(before);
  });
});

describe("risk.alerts.acknowledge refuses bad input and changes nothing", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["an empty note", { note: "" }, "note"],
    ["a note of spaces only", { note: "    " }, "note"],
    ["a note over 1,000 characters", { note: "n".repeat(1_001) }, "note"],
    ["a 1 MB note", { note: "n".repeat(1_000_000) }, "note"],
    ["a note that is not text", { note: 42 }, "note"],
    ["a missing note", { note: undefined }, "note"],
    ["a malformed alert id", { alertId: "alert-1" }, "alertId"],
    ["a missing alert id", { alertId: undefined }, "alertId"],
    ["an extra field", { acknowledgedBy: "someone" }, "acknowledgedBy"],
  ];

  it.each(cases)("%s", async (_, change, field) => {
    const alertId = await alertOf("MAX_CONCENTRATION");
    const before = await databaseSnapshot(fixture);
    const input = { alertId, note: "Looking into it.", ...change };
    await expectRefusedField(priya.risk.alerts.acknowledge(input as never), field);
    expect(await databaseSnapshot(fixture)).toEqual(before);
  });
});
