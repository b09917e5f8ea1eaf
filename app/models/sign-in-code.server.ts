import { and, desc, eq, isNull } from "drizzle-orm";
import type { Language } from "#app/i18n/i18n";
import type { Tx } from "#db/client.server";
import { signInCodes } from "#db/schema";

export type SignInCode = typeof signInCodes.$inferSelect;

export type NewSignInCode = Pick<SignInCode, "id" | "email" | "codeHash" | "returnTo" | "expiresAt" | "createdAt" | "shareAccessId"> & { language: Language };

export function insertSignInCode(tx: Tx, code: NewSignInCode): void {
  tx.insert(signInCodes).values(code).run();
}

/** A resident's pending sign-in, by the hash of the token its browser holds. */
export function findSignInCode(tx: Tx, id: string): SignInCode | undefined {
  return tx
    .select()
    .from(signInCodes)
    .where(and(eq(signInCodes.id, id), isNull(signInCodes.shareAccessId)))
    .get();
}

/** The newest code sent to prove a work address for one browser's access to a share. */
export function findAccessCode(tx: Tx, shareAccessId: string): SignInCode | undefined {
  return tx
    .select()
    .from(signInCodes)
    .where(eq(signInCodes.shareAccessId, shareAccessId))
    .orderBy(desc(signInCodes.createdAt))
    .limit(1)
    .get();
}

export function countWrongAttempt(tx: Tx, id: string, wrongAttempts: number): void {
  tx.update(signInCodes).set({ wrongAttempts }).where(eq(signInCodes.id, id)).run();
}

export function markSignInCodeUsed(tx: Tx, id: string, now: Date): void {
  tx.update(signInCodes).set({ usedAt: now }).where(eq(signInCodes.id, id)).run();
}

/**
 * A new code makes the earlier unused ones worthless: a resident's earlier
 * codes for the address, or the earlier codes of the same share access.
 */
export function retireUnusedCodes(tx: Tx, email: string, shareAccessId: string | null, now: Date): void {
  tx.update(signInCodes)
    .set({ usedAt: now })
    .where(
      and(
        isNull(signInCodes.usedAt),
        shareAccessId === null ? and(eq(signInCodes.email, email), isNull(signInCodes.shareAccessId)) : eq(signInCodes.shareAccessId, shareAccessId),
      ),
    )
    .run();
}
