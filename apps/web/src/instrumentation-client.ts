import { config } from "zod";

/**
 * Next runs this in the browser before it loads any page's modules. Zod compiles its object
 * parsers with `new Function` when it may, and finds out by trying: under the pages'
 * Content-Security-Policy (no 'unsafe-eval', src/server/security-headers.ts) that try is
 * refused and reported as a violation on every page with a form. Told it runs without eval,
 * zod skips the try; it must hear so before the first schema is built, hence here.
 */
config({ jitless: true });
