import { type ScenarioFields, ZScenarioFields } from "@repo/api/validators";
import { z } from "zod";
import { percent } from "~/lib/format.ts";
import type { RouterOutputs } from "~/trpc/types.ts";

export type ScenarioList = RouterOutputs["admin"]["scenarios"]["list"];
export type ScenarioView = ScenarioList["scenarios"][number];
type Move = ScenarioFields["moves"][number];

/** One line of the form: what moves, and by how much in percent (−20 for a 20 % fall). */
export interface MoveRow {
  on: Move["on"];
  sector: string;
  symbol: string;
  move: number;
}
export interface ScenarioFormValues {
  name: string;
  moves: MoveRow[];
}

export const ON_NAMES = {
  MARKET: "Every instrument",
  SECTOR: "A sector",
  SYMBOL: "One symbol",
} as const satisfies Record<Move["on"], string>;

export const EMPTY_MOVE: MoveRow = { on: "MARKET", sector: "", symbol: "", move: Number.NaN };

/** The form's lines as the API takes them: percent to a fraction, only the target that applies. */
function toScenarioFields(values: ScenarioFormValues) {
  return {
    name: values.name,
    moves: values.moves.map(({ on, sector, symbol, move }) => {
      const fraction = move / 100;
      if (on === "SECTOR") return { on, sector, move: fraction };
      if (on === "SYMBOL") return { on, symbol, move: fraction };
      return { on, move: fraction };
    }),
  };
}

/**
 * The API's own schema behind the form's conversion: the same refusals in the same words, under
 * the same field names (moves.0.move is the percent box of the first line).
 */
export const ZScenarioForm = z
  .custom<ScenarioFormValues>()
  .transform(toScenarioFields)
  .pipe(ZScenarioFields);

/** "Technology −20 %", "Every price +5 %". */
export function moveInWords(move: Move): string {
  const what =
    move.on === "MARKET" ? "Every price" : move.on === "SECTOR" ? move.sector : move.symbol;
  const sign = move.move < 0 ? "−" : "+";
  return `${what} ${sign}${percent(Math.abs(move.move))}`;
}
