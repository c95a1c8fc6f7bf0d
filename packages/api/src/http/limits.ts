/**
 * Limits of the HTTP API, in a module with no imports so the browser's client can keep to them.
 */

/**
 * Bodies above this are refused. It leaves room for a 1 MB field value, which gets a field error
 * from validation rather than a bare 413.
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Calls one HTTP request may carry; a dashboard poll carries two. */
export const MAX_BATCH_SIZE = 20;
