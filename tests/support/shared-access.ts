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
import { db, first } from "#db/client.server";
import { outbox, shares } from "#db/schema";

export const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);
export const request = (path: string, cookie?: string) => new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
export const codeSentTo = async (email: string) => (await db.select().from(outbox).where(eq(outbox.recipient, email))).at(-1)!.personalisation.code;
export const shareIdOf = async (link: string) =>
  (await first(
    db
      .select({ id: shares.id })
      .from(shares)
      .where(eq(shares.tokenHash, sha256(tokenOf(link)))),
  ))!.id;

/** Opens the link like a browser the first time, from `ip`, and gives back the cookie it was handed. */
export async function openLink(link: string, ip: string, at: Date) {
  const outcome = await openSharedLink(request("/shared/x"), tokenOf(link), ip, "en", at);
  if (!("redirectTo" in outcome) || !outcome.cookie) throw new Error(`the link was refused: ${JSON.stringify(outcome)}`);
  return { ...outcome, cookie: outcome.cookie.split(";")[0] };
}

/** A browser that has opened the link at `now` and proven `email` a minute later, as the pages do; its access is read a minute after that. */
export async function proveAddress(
  link: string,
  email: string,
  ip: string,
  now: Date,
): Promise<{ cookie: string; found: SharedAccess & { access: { email: string } } }> {
  const minutes = (n: number) => new Date(now.getTime() + n * 60 * 1000);
  const pending = await requireSharedAccess(request("/", (await openLink(link, ip, now)).cookie), await shareIdOf(link), "en", now);
  expect(await requestAccessCode(pending, email, ip, now)).toEqual({ ok: true });
  const verified = await verifyAccessCode(pending, await codeSentTo(email), ip, minutes(1));
  if (!verified.ok) throw new Error(`the code was refused: ${verified.reason}`);
  const cookie = verified.cookie.split(";")[0];
  return { cookie, found: await requireVerifiedAccess(request("/", cookie), await shareIdOf(link), "en", minutes(2)) };
}
