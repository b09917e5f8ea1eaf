/**
 * For unit tests of a professional's side of a share: a browser that opens
 * the link and proves a work address through the services and guards, as the
 * /shared/ pages do. Runs against the test worker's own database.
 */
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { sha256 } from "#app/lib/sha256.server";
import { openSharedLink, requestAccessCode, verifyAccessCode, type SharedAccess } from "#app/services/sharing/shared-story.server";
import { requireSharedAccess, requireVerifiedAccess } from "#app/web/guards.server";
import { db } from "#db/client.server";
import { outbox, shares } from "#db/schema";

export const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);
export const request = (path: string, cookie?: string) => new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
export const codeSentTo = (email: string) => db.select().from(outbox).where(eq(outbox.recipient, email)).all().at(-1)!.personalisation.code;
export const shareIdOf = (link: string) =>
  db
    .select({ id: shares.id })
    .from(shares)
    .where(eq(shares.tokenHash, sha256(tokenOf(link))))
    .get()!.id;

/** Opens the link like a browser the first time, from `ip`, and gives back the cookie it was handed. */
export function openLink(link: string, ip: string, at: Date) {
  const outcome = openSharedLink(request("/shared/x"), tokenOf(link), ip, "en", at);
  if (!("redirectTo" in outcome) || !outcome.cookie) throw new Error(`the link was refused: ${JSON.stringify(outcome)}`);
  return { ...outcome, cookie: outcome.cookie.split(";")[0] };
}

/** A browser that has opened the link at `now` and proven `email` a minute later, as the pages do; its access is read a minute after that. */
export function proveAddress(link: string, email: string, ip: string, now: Date): { cookie: string; found: SharedAccess & { access: { email: string } } } {
  const minutes = (n: number) => new Date(now.getTime() + n * 60 * 1000);
  const pending = requireSharedAccess(request("/", openLink(link, ip, now).cookie), shareIdOf(link), "en", now);
  expect(requestAccessCode(pending, email, ip, now)).toEqual({ ok: true });
  const verified = verifyAccessCode(pending, codeSentTo(email), ip, minutes(1));
  if (!verified.ok) throw new Error(`the code was refused: ${verified.reason}`);
  const cookie = verified.cookie.split(";")[0];
  return { cookie, found: requireVerifiedAccess(request("/", cookie), shareIdOf(link), "en", minutes(2)) };
}
