import { eq } from "drizzle-orm";
import { db, type Tx } from "#db/client.server";
import { shareDrafts } from "#db/schema";

/** The choices saved so far in a story's share journey, as stored (the journey checks their shape). */
export function findShareDraft(storyId: string, tx: Tx = db): Record<string, unknown> | undefined {
  return tx.select({ choices: shareDrafts.choices }).from(shareDrafts).where(eq(shareDrafts.storyId, storyId)).get()?.choices;
}

export function saveShareDraft(tx: Tx, storyId: string, choices: Record<string, unknown>, now: Date): void {
  tx.insert(shareDrafts)
    .values({ storyId, choices, updatedAt: now })
    .onConflictDoUpdate({ target: shareDrafts.storyId, set: { choices, updatedAt: now } })
    .run();
}

export function deleteShareDraft(tx: Tx, storyId: string): void {
  tx.delete(shareDrafts).where(eq(shareDrafts.storyId, storyId)).run();
}
