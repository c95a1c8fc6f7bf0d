import { describe, expect, it } from "vitest";
import { type AuditEvent, actionOf, changesOf, subjectOf } from "./audit-words.ts";

/** A USER audit event as admin.auditLog answers it. */
function personEvent(
  action: AuditEvent["action"],
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): AuditEvent {
  return {
    id: "e1",
    entity: "USER",
    entityId: "u1",
    action,
    before,
    after,
    createdAt: new Date(0),
    actor: { id: "a1", name: "Avery Admin" },
    trader: { id: "u1", name: "Nora New" },
  } as AuditEvent;
}

const nora = { name: "Nora New", role: "TRADER" };

describe("a person's account in the audit history's words", () => {
  it("says who was added, with what", () => {
    const added = personEvent("CREATE", null, {
      ...nora,
      email: "nora@northwind.example.com",
      startingCash: 250000,
      limitsCopiedFrom: "Jonas Weber",
      limitsCopied: 3,
    });
    expect(`${subjectOf(added)} ${actionOf(added)}`).toBe("Trader Nora New added");
    expect(changesOf(added, "UTC")).toEqual(
      expect.arrayContaining([
        "starting cash $250,000",
        "limits copied from Jonas Weber",
        "limits copied 3",
      ]),
    );
  });

  it("tells deactivation, reactivation, a reset and a change apart", () => {
    const said = (before: Record<string, unknown>, after: Record<string, unknown>) => {
      const event = personEvent("UPDATE", { ...nora, ...before }, { ...nora, ...after });
      return `${subjectOf(event)} ${actionOf(event)}: ${changesOf(event, "UTC").join("; ")}`;
    };
    expect(said({ active: true }, { active: false })).toBe(
      "Trader Nora New deactivated: active yes → no",
    );
    expect(said({ active: false }, { active: true })).toBe(
      "Trader Nora New reactivated: active no → yes",
    );
    expect(said({ password: "own" }, { password: "temporary" })).toBe(
      "Password of Nora New reset: password their own → temporary",
    );
    expect(said({ password: "temporary" }, { password: "own" })).toBe(
      "Password of Nora New changed: password temporary → their own",
    );
  });
});
