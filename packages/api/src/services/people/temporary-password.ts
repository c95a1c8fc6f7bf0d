import { randomInt } from "node:crypto";

// No 0/O, 1/l/I: the admin may read it out or type it for someone.
const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/**
 * A password an admin hands over once ("k7Qm-xv3R-…"): 16 random characters of 55 (about 92
 * bits) in four groups, to read out. Good for one sign-in: the person must choose their own then.
 */
export function temporaryPassword(): string {
  const group = () =>
    Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return Array.from({ length: 4 }, group).join("-");
}
