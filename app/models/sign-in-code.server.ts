import { and, eq, isNull } from "drizzle-orm";
import type { Language } from "#app/i18n/i18n";
import type { Tx } from "#db/client.server";
import { signInCodes } from "#db/schema";

export type SignInCode = typeof signInCodes.$inferSelect;

export function insertSignInCode(
  tx: Tx,
  code: { id: string; email: string; codeHash: string; language: Language; returnTo: string | null; expiresAt: Date; createdAt: Date },
): void {
  tx.insert(signInCodes).values(code).run();
}

export function findSignInCode(tx: Tx, id: string): SignInCode | undefined {
  return tx.select().from(signInCodes).where(eq(signInCodes.id, id)).get();
}

export function countWrongAttempt(tx: Tx, id: string, wrongAttempts: number): void {
  tx.update(signInCodes).set({ wrongAttempts }).where(eq(signInCodes.id, id)).run();
}

export function markSignInCodeUsed(tx: Tx, id: string, now: Date): void {
  tx.update(signInCodes).set({ usedAt: now }).where(eq(signInCodes.id, id)).run();
}

/** A new code for an address makes the earlier unused ones worthless. */
export function retireUnusedCodes(tx: Tx, email: string, now: Date): void {
  tx.update(signInCodes)
    .set({ usedAt: now })
    .where(and(eq(signInCodes.email, email), isNull(signInCodes.usedAt)))
    .run();
}
