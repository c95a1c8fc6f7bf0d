import { randomBytes } from "node:crypto";
import { hashToken } from "../auth/sessions.ts";

/**
 * The prefix of every token secret: secret scanners and people can tell one from any other
 * string, and a value without it is refused before the database is asked.
 */
export const TOKEN_PREFIX = "rdt_";

/** Hex characters of the visible id: enough to tell a firm's tokens apart, useless to guess with. */
const VISIBLE_ID_LENGTH = 8;

/** `rdt_<visible id>_<43 characters of base64url>`: 256 random bits behind the visible part. */
const SECRET_SHAPE = /^rdt_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

export interface NewTokenSecret {
  /** Shown to the admin once, never stored. */
  secret: string;
  /** Its first characters after the prefix, stored and shown so tokens can be told apart. */
  visibleId: string;
  /** What is stored: SHA-256, like a session's (a leaked row cannot be replayed). */
  tokenHash: string;
}

export function newTokenSecret(): NewTokenSecret {
  const visibleId = randomBytes(VISIBLE_ID_LENGTH / 2).toString("hex");
  const secret = `${TOKEN_PREFIX}${visibleId}_${randomBytes(32).toString("base64url")}`;
  return { secret, visibleId, tokenHash: hashToken(secret) };
}

/** Whether a bearer value is shaped like a secret this server issues (no database read). */
export function looksLikeTokenSecret(value: string): boolean {
  return SECRET_SHAPE.test(value);
}

/** How a token is shown to admins: `rdt_1a2b3c4d…`. */
export function tokenLabel(visibleId: string): string {
  return `${TOKEN_PREFIX}${visibleId}…`;
}
