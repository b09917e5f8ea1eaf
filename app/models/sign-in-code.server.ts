import { and, desc, eq, isNotNull, isNull, lte, or } from "drizzle-orm";
import type { Language } from "#app/i18n/i18n";
import { db, first, type Tx } from "#db/client.server";
import { signInCodes } from "#db/schema";

export type SignInCode = typeof signInCodes.$inferSelect;

type NewSignInCode = Pick<SignInCode, "id" | "email" | "codeHash" | "returnTo" | "expiresAt" | "createdAt" | "shareAccessId"> & { language: Language };

export async function insertSignInCode(tx: Tx, code: NewSignInCode): Promise<void> {
  await tx.insert(signInCodes).values(code);
}

/** A resident's pending sign-in, by the hash of the token its browser holds. */
export async function findSignInCode(tx: Tx, id: string): Promise<SignInCode | undefined> {
  return await first(
    tx
      .select()
      .from(signInCodes)
      .where(and(eq(signInCodes.id, id), isNull(signInCodes.shareAccessId))),
  );
}

/** The newest code sent to prove a work address for one browser's access to a share. */
export async function findAccessCode(tx: Tx, shareAccessId: string): Promise<SignInCode | undefined> {
  return await first(tx.select().from(signInCodes).where(eq(signInCodes.shareAccessId, shareAccessId)).orderBy(desc(signInCodes.createdAt)).limit(1));
}

export async function countWrongAttempt(tx: Tx, id: string, wrongAttempts: number): Promise<void> {
  await tx.update(signInCodes).set({ wrongAttempts }).where(eq(signInCodes.id, id));
}

export async function markSignInCodeUsed(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.update(signInCodes).set({ usedAt: now }).where(eq(signInCodes.id, id));
}

/**
 * A new code makes the same browser's earlier unused code worthless: the one
 * its sign-in cookie names (`signInId`), or the earlier codes of the same share
 * access. Codes other browsers asked for are left alone, so nobody else can
 * spoil the code sent to the person who owns the address.
 */
export async function retireUnusedCodes(tx: Tx, browser: { signInId: string } | { shareAccessId: string }, now: Date): Promise<void> {
  await tx
    .update(signInCodes)
    .set({ usedAt: now })
    .where(
      and(
        isNull(signInCodes.usedAt),
        "signInId" in browser
          ? and(eq(signInCodes.id, browser.signInId), isNull(signInCodes.shareAccessId))
          : eq(signInCodes.shareAccessId, browser.shareAccessId),
      ),
    );
}

/** Residents' codes once used or expired: the person's address is kept no longer than the code is any use. */
export async function deleteFinishedSignInCodes(now: Date): Promise<void> {
  await db.delete(signInCodes).where(and(isNull(signInCodes.shareAccessId), or(isNotNull(signInCodes.usedAt), lte(signInCodes.expiresAt, now))));
}
