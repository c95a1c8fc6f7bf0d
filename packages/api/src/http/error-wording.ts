import type { TRPCError } from "@trpc/server";
import { AppError } from "../errors.ts";
import { MAX_BATCH_SIZE } from "./limits.ts";

/**
 * The sentence a caller gets for an error tRPC raised itself, or for a library's error it passed
 * on (a JSON.parse SyntaxError, anything thrown while reading an input): their wording is for
 * developers ("No procedure found on path", "Unexpected token } in JSON at position 9"). Errors
 * the API raises (AppError, the TRPCErrors in trpc.ts, context.ts and handle-trpc.ts) already
 * carry a sentence and keep it: this returns undefined for them.
 */
export function tRPCErrorSentence(error: TRPCError, type: string): string | undefined {
  const { cause } = error;
  if (cause instanceof AppError) return undefined;
  if (cause instanceof SyntaxError) return NOT_JSON;
  switch (error.code) {
    case "PARSE_ERROR":
      return NOT_JSON;
    case "METHOD_NOT_SUPPORTED":
      return type === "query"
        ? "This procedure reads data: call it with GET."
        : type === "mutation"
          ? "This procedure makes a change: call it with POST."
          : "Call this procedure with GET to read data or POST to make a change.";
    case "UNSUPPORTED_MEDIA_TYPE":
      return "Send the input as JSON with Content-Type: application/json.";
    case "NOT_FOUND":
      // Ours always come as AppError; tRPC's is about the URL.
      return "There is no such procedure: check the name in the address.";
    case "BAD_REQUEST":
      return tRPCBadRequest(error.message);
    default:
      return undefined;
  }
}

const NOT_JSON = 'The input is not valid JSON: send it as JSON in the app\'s format ({"json": …}).';

/** tRPC's BAD_REQUEST wordings, each as a sentence; any other comes from a library. */
function tRPCBadRequest(message: string): string {
  if (message.startsWith("Batch call exceeds")) {
    return `A request may carry at most ${MAX_BATCH_SIZE} calls: send the rest in another request.`;
  }
  if (message.startsWith("Cannot mix procedure types")) {
    return "A request cannot mix reading data and making changes: send them separately.";
  }
  if (message.includes("needs to be an object when doing a batch call")) {
    return 'A batch\'s input must be an object of call number → input, such as {"0": {"json": …}}.';
  }
  return 'The input could not be read: send it as JSON in the app\'s format ({"json": …}).';
}
