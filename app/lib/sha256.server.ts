import { createHash } from "node:crypto";

/** The SHA-256 of some text (UTF-8) or bytes, in hex: the fingerprint of a token, a wording or a file. */
export function sha256(input: string | Buffer): string {
  return createHash("sha256").update(input).digest("hex");
}
