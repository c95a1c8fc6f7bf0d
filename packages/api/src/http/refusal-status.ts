/**
 * The HTTP status of each refusal the plain HTTP endpoints (the file import, the token API)
 * answer with, as `{ error: { code, message } }`. The codes are tRPC's names for the same
 * statuses, so a client reads one vocabulary across the API.
 */
export const REFUSAL_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;
export type RefusalCode = keyof typeof REFUSAL_STATUS;
