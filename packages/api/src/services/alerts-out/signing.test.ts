import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { planEvents, type WrittenAlert } from "./record-events.ts";
import { retryDelayMs } from "./retry-schedule.ts";
import { newWebhookSecret, signWebhook } from "./signing.ts";
import { webhookUrlProblem } from "./webhook-url.ts";

const BODY = JSON.stringify({ id: "evt", type: "alert.raised" });

describe("webhook signatures (Standard Webhooks)", () => {
  it("verify with the firm's secret, and fail with another, a changed body or an old timestamp", () => {
    const secret = newWebhookSecret();
    const headers = signWebhook(secret, "evt", new Date(), BODY);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(BODY, { ...headers })).toEqual(JSON.parse(BODY));

    expect(() => new Webhook(newWebhookSecret()).verify(BODY, { ...headers })).toThrow(
      /No matching signature/,
    );
    expect(() => new Webhook(secret).verify(`${BODY} `, { ...headers })).toThrow();
    const old = signWebhook(secret, "evt", new Date(Date.now() - 6 * 60_000), BODY);
    expect(() => new Webhook(secret).verify(BODY, { ...old })).toThrow(/too old/);
  });
});

describe("webhook URLs", () => {
  const production = { allowLocalHttp: false };
  const development = { allowLocalHttp: true };
  it("must be https, or http to this machine outside production", () => {
    expect(webhookUrlProblem("https://hooks.example.com/x", production)).toBeNull();
    expect(webhookUrlProblem("http://hooks.example.com/x", development)).toMatch(/https/);
    expect(webhookUrlProblem("http://127.0.0.1:3000/x", development)).toBeNull();
    expect(webhookUrlProblem("http://localhost:3000/x", development)).toBeNull();
    expect(webhookUrlProblem("http://localhost:3000/x", production)).toMatch(/https/);
    expect(webhookUrlProblem("https://user:pw@hooks.example.com/", production)).toMatch(/password/);
    expect(webhookUrlProblem("hooks.example.com", production)).toMatch(/not a URL/);
  });
});

describe("retry schedule", () => {
  const schedule = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 10, maxAgeMs: 1e9 };
  it("doubles from the base, within half and all of it, and stops at the cap", () => {
    expect(retryDelayMs(schedule, 1, () => 1)).toBe(1_000);
    expect(retryDelayMs(schedule, 1, () => 0)).toBe(500);
    expect(retryDelayMs(schedule, 4, () => 1)).toBe(8_000);
    expect(retryDelayMs(schedule, 30, () => 1)).toBe(60_000);
  });
});

describe("events planned from the rows a sync wrote", () => {
  const alert = (id: string, limitId: string, level: "WARN" | "BREACH"): WrittenAlert => ({
    id,
    limitId,
    level,
    traderId: "t",
    value: { toNumber: () => 1 },
    threshold: { toNumber: () => 1 },
    message: "m",
    raisedAt: new Date(),
    resolvedAt: null,
  });
  it("makes WARN → BREACH one escalation, BREACH → WARN a resolution and a raise", () => {
    expect(
      planEvents([alert("w", "L1", "WARN")], [alert("b", "L1", "BREACH")]).map((e) => [
        e.kind,
        e.alert.id,
        e.escalatedFrom?.id,
      ]),
    ).toEqual([["ESCALATED", "b", "w"]]);
    expect(
      planEvents([alert("b", "L1", "BREACH")], [alert("w", "L1", "WARN")]).map((e) => [
        e.kind,
        e.alert.id,
      ]),
    ).toEqual([
      ["RESOLVED", "b"],
      ["RAISED", "w"],
    ]);
  });
});
