import { limitValue } from "@repo/risk-engine";
import type { ServiceDeps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { NoProfileError } from "../risk/compute-metrics.ts";
import { type LimitChange, type Trade, valueTrade } from "../risk/what-if.ts";

/** "Value at risk to $63,246 against a limit of $54,408; Leverage to …". */
function described(changes: LimitChange[], currency: string): string {
  return changes
    .map(
      (change) =>
        `${change.name} to ${limitValue(change.type, change.after.measured, currency)} against a limit of ${limitValue(change.type, change.threshold, currency)}`,
    )
    .join("; ");
}

/**
 * Values the book with the trade before it is opened (what-if.ts). A trade that takes a HARD
 * limit to or past 100 %, further than it was, is refused with a sentence naming the limit and
 * the numbers. One that does so to a SOFT limit goes ahead only when the caller confirms it
 * (`acceptSoftBreaches`); the soft limits it breaches are returned for the audit. A trade that
 * reduces a breach is never refused. A book without a risk profile has no measurable limits.
 */
export async function checkTrade(
  deps: ServiceDeps,
  subject: Subject,
  trade: Trade,
  acceptSoftBreaches: boolean,
): Promise<{ acceptedSoftBreaches: string[] }> {
  const whatIf = await valueTrade(deps, subject, trade).catch((error: unknown) => {
    if (error instanceof NoProfileError) return null;
    throw error;
  });
  if (!whatIf) return { acceptedSoftBreaches: [] };
  const breached = whatIf.limits.filter((change) => change.breachedByTrade);
  const hard = breached.filter((change) => change.severity === "HARD");
  if (hard.length > 0) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `Not opened: it would take the hard limit on ${described(hard, whatIf.currency)}.`,
    );
  }
  const soft = breached.filter((change) => change.severity === "SOFT");
  if (soft.length > 0 && !acceptSoftBreaches) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `Not opened yet: it would take the soft limit on ${described(soft, whatIf.currency)}. Confirm to open it anyway.`,
    );
  }
  return { acceptedSoftBreaches: soft.map((change) => change.name) };
}
