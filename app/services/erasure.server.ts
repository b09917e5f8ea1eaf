import { recordAuditEvent } from "#app/models/audit.server";
import { eraseAccountRows, eraseStoryRows, storiesOwned, storyForErasure, type ErasedStory } from "#app/models/erasure.server";
import { findResidentById } from "#app/models/resident.server";
import { sharesOfStory } from "#app/models/share.server";
import { tellAgency } from "#app/services/sharing/changes.server";
import { shareState } from "#app/services/sharing/consent-rules";
import { db, type Tx } from "#db/client.server";

/**
 * Erasing a story, or a whole account, as its owner asks or as retention
 * requires: not flagged, gone. Each share still active stops at once and its
 * agency's inbox is told, as when the person stops a share; then every row of
 * the story goes, its consent records and access log included, leaving only
 * a trace with nothing personal in it (erased_stories: when it was started,
 * how many versions it had, how many agencies it reached, when and why it
 * went), so that the service's figures stay honest.
 */

export type ErasureReason = ErasedStory["reason"];

export async function eraseStory(tx: Tx, storyId: string, reason: ErasureReason, by: string, now: Date): Promise<boolean> {
  const story = await storyForErasure(tx, storyId);
  if (!story) return false;
  const found = await sharesOfStory(storyId, tx);
  for (const share of found) {
    if (shareState(share.share, now) === "active") await tellAgency(tx, share, "share-stopped");
  }
  const agencies = new Set(found.map(({ agency }) => agency.id)).size;
  await eraseStoryRows(tx, { storyId, startedAt: story.createdAt, versions: story.latestVersion ?? 0, agencies, reason, erasedAt: now });
  await recordAuditEvent("story_erased", { resident: by, story: storyId, reason, agencies }, tx);
  return true;
}

/** The owner deletes one story: erased in one transaction. False when it was not there (deleted already). */
export async function deleteStory(storyId: string, residentId: string, now = new Date()): Promise<boolean> {
  return db.transaction((tx) => eraseStory(tx, storyId, "deleted", residentId, now));
}

/**
 * Deletes an account: every story it owns erased as above, its sessions
 * ended, its codes and emails gone, its helping ended (stories it only helped
 * with stay with their owners), and its address replaced by a placeholder.
 */
export async function eraseAccount(residentId: string, reason: "account-deleted" | "retention", now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const resident = await findResidentById(tx, residentId);
    if (!resident || resident.erasedAt) return false;
    const owned = await storiesOwned(tx, residentId);
    for (const storyId of owned) await eraseStory(tx, storyId, reason, residentId, now);
    await eraseAccountRows(tx, resident, now);
    await recordAuditEvent("account_erased", { resident: residentId, reason, stories: owned.length }, tx);
    return true;
  });
}
