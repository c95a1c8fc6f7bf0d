import { describe, expect, it } from "vitest";
import { type AuditEvent, actionOf, changesOf, subjectOf } from "./audit-words.ts";

/** An audit event about the token API as admin.auditLog answers it. */
function event(
  entity: "API_TOKEN" | "PRICE_SOURCE",
  action: AuditEvent["action"],
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditEvent {
  return {
    id: "e1",
    entity,
    entityId: "t1",
    action,
    before,
    after,
    createdAt: new Date(0),
    actor: { id: "a1", name: "Avery Admin" },
    trader: null,
  } as AuditEvent;
}

const feed = { name: "Market data feed", scopes: ["PRICES", "CLOSES"], visibleId: "1a2b3c4d" };

describe("API tokens and the price source in the audit history's words", () => {
  it("says which token was made, with what scopes, and which was revoked", () => {
    const made = event("API_TOKEN", "CREATE", null, feed);
    expect(`${subjectOf(made)} ${actionOf(made)}`).toBe("API token Market data feed created");
    expect(changesOf(made, "UTC")).toEqual(
      expect.arrayContaining(["scopes Intraday prices, End-of-day closes", "id 1a2b3c4d"]),
    );
    const revoked = event("API_TOKEN", "DELETE", feed, null);
    expect(`${subjectOf(revoked)} ${actionOf(revoked)}`).toBe("API token Market data feed revoked");
  });

  it("says where the firm's prices came from and come from now", () => {
    const switched = event(
      "PRICE_SOURCE",
      "UPDATE",
      { priceSource: "SIMULATED" },
      { priceSource: "API" },
    );
    expect(`${subjectOf(switched)} ${actionOf(switched)}`).toBe("Price source changed");
    expect(changesOf(switched, "UTC")).toEqual(["price source Simulated feed → From the API"]);
  });
});
