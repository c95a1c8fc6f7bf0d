import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createCaller } from "../../root.ts";
import { traderLimits, valueAt } from "../../testing/alert-syncs.ts";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { callerWith, failureOf } from "../../testing/caller-with.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../../testing/webhook-receiver.ts";

type Caller = ReturnType<typeof createCaller>;

/** The admin's alert destinations: what is accepted, what is kept, and who sees what. */

const LOCAL_HTTP = { allowLocalHttp: true, emailAvailable: false };

let fixture: ApiFixture;
let northwind: Caller;
let harbor: Caller;
let receiver: WebhookReceiver;

beforeAll(async () => {
  fixture = await createApiFixture({ redis: false });
  northwind = await callerWith(fixture, "admin@northwind.example.com", { alertsOut: LOCAL_HTTP });
  harbor = await callerWith(fixture, "admin@harbor.example.com", { alertsOut: LOCAL_HTTP });
  receiver = await startWebhookReceiver("whsec_placeholder");
});
afterAll(async () => {
  await receiver?.stop();
  await fixture?.close();
});

const db = () => fixture.database.db;

describe("admin.alertsOut settings", () => {
  it("are off by default: no webhook, no secret, no email", async () => {
    expect(await northwind.admin.alertsOut.settings()).toEqual({
      webhookUrl: null,
      webhookSecret: null,
      emailRecipients: [],
      emailAvailable: false,
      allowLocalHttp: true,
    });
  });

  it("refuse a URL that is not https, naming the field, and keep nothing", async () => {
    for (const url of ["http://hooks.example.com/x", "ftp://hooks.example.com", "not a url"]) {
      expect(await failureOf(northwind.admin.alertsOut.setWebhook({ url }))).toEqual({
        code: "BAD_REQUEST",
        fields: ["url"],
      });
    }
    // Plain http to this machine only outside production (the deployment's rule).
    const production = await callerWith(fixture, "admin@northwind.example.com", {});
    expect(
      await failureOf(production.admin.alertsOut.setWebhook({ url: "http://127.0.0.1:8080/x" })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["url"] });
    expect(await db().alertSettings.count()).toBe(0);
  });

  it("generate a Standard Webhooks secret with the first URL, rotate it, and audit without it", async () => {
    const saved = await northwind.admin.alertsOut.setWebhook({
      url: "https://hooks.example.com/risk",
    });
    expect(saved.webhookUrl).toBe("https://hooks.example.com/risk");
    expect(saved.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const again = await northwind.admin.alertsOut.setWebhook({
      url: "https://hooks.example.com/v2",
    });
    expect(again.webhookSecret).toBe(saved.webhookSecret);

    const rotated = await northwind.admin.alertsOut.rotateSecret();
    expect(rotated.webhookSecret).not.toBe(saved.webhookSecret);

    const audit = await db().auditEvent.findMany({
      where: { entity: "ALERT_SETTINGS" },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["CREATE", "UPDATE", "UPDATE"]);
    expect(JSON.stringify(audit)).not.toContain(saved.webhookSecret);
    expect(JSON.stringify(audit)).not.toContain(rotated.webhookSecret);
  });

  it("refuse email recipients while the server has no SMTP_URL", async () => {
    expect(
      await failureOf(northwind.admin.alertsOut.setEmail({ recipients: ["desk@example.com"] })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["recipients"] });
    const withSmtp = await callerWith(fixture, "admin@northwind.example.com", {
      alertsOut: { allowLocalHttp: true, emailAvailable: true },
    });
    const saved = await withSmtp.admin.alertsOut.setEmail({
      recipients: ["Desk@Example.com", "desk@example.com", "risk@example.com"],
    });
    expect(saved.emailRecipients).toEqual(["desk@example.com", "risk@example.com"]);
    expect(
      await failureOf(withSmtp.admin.alertsOut.setEmail({ recipients: ["not an address"] })),
    ).toMatchObject({ code: "BAD_REQUEST", fields: ["recipients.0"] });
    await withSmtp.admin.alertsOut.setEmail({ recipients: [] });
  });

  it("send a signed test event to the receiver and say how it went", async () => {
    const { webhookSecret } = await northwind.admin.alertsOut.setWebhook({ url: receiver.url });
    receiver.setSecret(webhookSecret ?? "");
    expect(await northwind.admin.alertsOut.sendTest()).toEqual({ ok: true, status: 204 });
    expect(receiver.posts.at(-1)?.type).toBe("alert.test");

    receiver.failWith500(true);
    expect(await northwind.admin.alertsOut.sendTest()).toEqual({
      ok: false,
      status: 500,
      error: "Answered 500.",
    });
    receiver.failWith500(false);
  });
});

describe("admin.alertsOut across firms", () => {
  it("shows each firm's admin only their own settings and deliveries", async () => {
    await northwind.admin.alertsOut.setWebhook({ url: receiver.url });
    const maya = await traderLimits(db(), "maya@northwind.example.com");
    await valueAt(db(), maya, ["OK"]);
    await valueAt(db(), maya, ["WARN"]);

    const ours = await northwind.admin.alertsOut.deliveries({});
    expect(ours.rows).toHaveLength(1);
    expect(ours.rows[0]).toMatchObject({
      type: "alert.raised",
      channel: "WEBHOOK",
      status: "PENDING",
      trader: { id: maya.subject.userId, name: expect.any(String) },
    });

    expect(await harbor.admin.alertsOut.deliveries({})).toEqual({ rows: [], nextCursor: null });
    expect(await harbor.admin.alertsOut.settings()).toMatchObject({
      webhookUrl: null,
      webhookSecret: null,
    });
    // Another firm's delivery id as a cursor is no page of theirs.
    expect(
      await failureOf(harbor.admin.alertsOut.deliveries({ cursor: ours.rows[0]?.id })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["cursor"] });
    // Harbor's own webhook changes nothing of Northwind's.
    await harbor.admin.alertsOut.setWebhook({ url: "https://harbor.example.com/hook" });
    expect((await northwind.admin.alertsOut.settings()).webhookUrl).toBe(receiver.url);
  });

  it("pages the history newest first without repeating a row", async () => {
    const maya = await traderLimits(db(), "maya@northwind.example.com");
    for (const step of [["OK"], ["WARN"], ["OK"], ["WARN"]] as const)
      await valueAt(db(), maya, step);
    const all = (await northwind.admin.alertsOut.deliveries({ limit: 100 })).rows;
    const first = await northwind.admin.alertsOut.deliveries({ limit: 2 });
    const second = await northwind.admin.alertsOut.deliveries({
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(
      all.slice(0, 4).map((r) => r.id),
    );
  });
});
