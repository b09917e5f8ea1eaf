import { and, eq, gt, lt } from "drizzle-orm";
import { first, type Tx } from "#db/client.server";
import { providerSignIns } from "#db/schema";

type ProviderSignIn = typeof providerSignIns.$inferSelect;
export type ProviderName = ProviderSignIn["provider"];

/** A sign-in on its way to a provider, in the caller's transaction; those that ran out go at the same moment. */
export async function insertProviderSignIn(tx: Tx, row: typeof providerSignIns.$inferInsert, now: Date): Promise<void> {
  await tx.delete(providerSignIns).where(lt(providerSignIns.expiresAt, now));
  await tx.insert(providerSignIns).values(row);
}

/**
 * The sign-in `id` names, for `provider`, if it has not run out, deleted as it
 * is read: a second answer carrying the same state finds nothing.
 */
export async function takeProviderSignIn(tx: Tx, id: string, provider: ProviderName, now: Date): Promise<ProviderSignIn | undefined> {
  return await first(
    tx
      .delete(providerSignIns)
      .where(and(eq(providerSignIns.id, id), eq(providerSignIns.provider, provider), gt(providerSignIns.expiresAt, now)))
      .returning(),
  );
}
