import { eq } from "drizzle-orm";
import { db, first, type Tx } from "#db/client.server";
import { shareDrafts } from "#db/schema";

/** The choices saved so far in a story's share journey, as stored (the journey checks their shape). */
export async function findShareDraft(storyId: string, tx: Tx = db): Promise<Record<string, unknown> | undefined> {
  return (await first(tx.select({ choices: shareDrafts.choices }).from(shareDrafts).where(eq(shareDrafts.storyId, storyId))))?.choices;
}

export async function saveShareDraft(tx: Tx, storyId: string, choices: Record<string, unknown>, now: Date): Promise<void> {
  await tx
    .insert(shareDrafts)
    .values({ storyId, choices, updatedAt: now })
    .onConflictDoUpdate({ target: shareDrafts.storyId, set: { choices, updatedAt: now } });
}

export async function deleteShareDraft(tx: Tx, storyId: string): Promise<void> {
  await tx.delete(shareDrafts).where(eq(shareDrafts.storyId, storyId));
}
