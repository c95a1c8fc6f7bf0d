/**
 * Input schemas shared by the procedures and the browser's forms, so both refuse the same things
 * with the same messages.
 */
export * from "./alerts-out.ts";
export * from "./book.ts";
export * from "./people.ts";
export * from "./record.ts";
export * from "./tokens.ts";
