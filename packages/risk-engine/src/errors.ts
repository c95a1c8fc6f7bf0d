export type RiskInputErrorCode = "LENGTH_MISMATCH" | "INVALID_OPTION" | "INVALID_LIMIT";

/**
 * Input the engine cannot turn into a number without guessing (series of different lengths, a
 * confidence of 1.5, a limit threshold of 0). Numeric edge cases are not errors: they give the
 * documented NaN or ±Infinity.
 */
export class RiskInputError extends Error {
  override name = "RiskInputError";

  constructor(
    readonly code: RiskInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}
