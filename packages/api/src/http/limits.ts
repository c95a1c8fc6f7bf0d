/**
 * Limits of the HTTP API, in a module with no imports so the browser's client and the app's
 * configuration can keep to them.
 */

/**
 * Bodies above this are refused. It leaves room for a 1 MB field value, which gets a field error
 * from validation rather than a bare 413.
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * An import's CSV file (POST /api/admin/imports/…) is read as it arrives, never held whole:
 * this bounds the time and the transaction one upload may take, not memory. 3 years of daily
 * closes of 500 instruments is about 12 MB. IMPORT_MAX_MB in the app's settings.
 */
export const DEFAULT_MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** Calls one HTTP request may carry; a dashboard poll carries two. */
export const MAX_BATCH_SIZE = 20;

/**
 * Nesting and size of one call's input. Every real input is one object of scalar fields (depth
 * 2, a dozen values); these leave room and bound the work a crafted input can cause, whatever
 * it holds, before validation looks at it.
 */
export const MAX_INPUT_DEPTH = 8;
export const MAX_INPUT_VALUES = 1_000;

/**
 * Requests per minute one client may make, counted per call (a batch of two is two): per
 * signed-in user, whatever the number of tabs or sessions, and per address for anonymous
 * traffic. 0 turns a limit off.
 */
export interface RequestLimits {
  signedInPerMinute: number;
  anonymousPerMinute: number;
}

/**
 * A dashboard tab polls two calls every 5 s (24 a minute): ten tabs, with their navigation and
 * edits, stay far below 600. Anonymous traffic is the sign-in page and sign-ins, possibly from
 * many people behind one office address.
 */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  signedInPerMinute: 600,
  anonymousPerMinute: 300,
};
