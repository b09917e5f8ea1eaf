import { and, desc, eq, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Language } from "#app/i18n/i18n";
import { db, first, type Tx } from "#db/client.server";
import { signInCodes } from "#db/schema";

export type SignInCode = typeof signInCodes.$inferSelect;

type NewSignInCode = Pick<SignInCode, "id" | "email" | "codeHash" | "returnTo" | "expiresAt" | "createdAt" | "shareAccessId"> &
  Partial<Pick<SignInCode, "changesEmailOf" | "forStaff">> & { language: Language };

export async function insertSignInCode(tx: Tx, code: NewSignInCode): Promise<void> {
  await tx.insert(signInCodes).values(code);
}

/**
 * A resident's pending sign-in, by the hash of the token its browser holds:
 * never a code sent for anything else (a professional's access, a new address,
 * the staff area), whatever cookie it is presented with.
 */
export async function findSignInCode(tx: Tx, id: string): Promise<SignInCode | undefined> {
  return await first(
    tx
      .select()
      .from(signInCodes)
      .where(and(eq(signInCodes.id, id), isNull(signInCodes.shareAccessId), isNull(signInCodes.changesEmailOf), eq(signInCodes.forStaff, false))),
  );
}

/** A pending change of `residentId`'s address, by the hash of the token the browser holds; never any other kind of code. */
export async function findEmailChangeCode(tx: Tx, id: string, residentId: string): Promise<SignInCode | undefined> {
  return await first(
    tx
      .select()
      .from(signInCodes)
      .where(and(eq(signInCodes.id, id), eq(signInCodes.changesEmailOf, residentId))),
  );
}

/** A pending sign-in to the staff area, by the hash of the token its browser holds: never a resident's or any other code. */
export async function findStaffSignInCode(tx: Tx, id: string): Promise<SignInCode | undefined> {
  return await first(
    tx
      .select()
      .from(signInCodes)
      .where(and(eq(signInCodes.id, id), eq(signInCodes.forStaff, true))),
  );
}

/** The newest code sent to prove a work address for one browser's access to a share. */
export async function findAccessCode(tx: Tx, shareAccessId: string): Promise<SignInCode | undefined> {
  return await first(tx.select().from(signInCodes).where(eq(signInCodes.shareAccessId, shareAccessId)).orderBy(desc(signInCodes.createdAt)).limit(1));
}

/*
 * Counting a try and using a code up are each one conditional UPDATE, so that
 * tries made at the same moment, on several instances, cannot all read the
 * same row and all pass: the database applies them one after another and
 * checks the condition against the row as the one before left it.
 */

/** Counts a wrong try: the count now, or undefined when the code had already had its `maxWrong` tries. */
export async function countWrongAttempt(tx: Tx, id: string, maxWrong: number): Promise<number | undefined> {
  const counted = await first(
    tx
      .update(signInCodes)
      .set({ wrongAttempts: sql`${signInCodes.wrongAttempts} + 1` })
      .where(and(eq(signInCodes.id, id), lt(signInCodes.wrongAttempts, maxWrong)))
      .returning({ wrongAttempts: signInCodes.wrongAttempts }),
  );
  return counted?.wrongAttempts;
}

/** Uses a code up: false when it was used already, or had its `maxWrong` tries, by the time this ran. */
export async function markSignInCodeUsed(tx: Tx, id: string, now: Date, maxWrong: number): Promise<boolean> {
  const used = await first(
    tx
      .update(signInCodes)
      .set({ usedAt: now })
      .where(and(eq(signInCodes.id, id), isNull(signInCodes.usedAt), lt(signInCodes.wrongAttempts, maxWrong)))
      .returning({ id: signInCodes.id }),
  );
  return used !== undefined;
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
