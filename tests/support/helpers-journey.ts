/**
 * Inviting a helper and accepting, through the pages a person uses, over
 * HTTP: the owner's invitation form, then the invitee signed in with the
 * address invited answering yes on the invitation's page.
 */
import { expect } from "vitest";
import type { Browser, Fields } from "#tests/support/http-client";
import { emailsSentTo, signedIn, type ServerWithMail } from "#tests/support/sign-in";

/** The owner invites `email` to help with `permission` ("edit" or "editAndShare"): the invitation's id. */
export async function inviteHelper(owner: Browser, storyId: string, helper: { name: string; email: string; permission: string }): Promise<string> {
  const sent = await owner.post(`/stories/${storyId}/helpers/invite`, helper);
  expect(sent.status, "inviting a helper").toBe(302);
  const id = (sent.headers.get("location") ?? "").match(/invitation=([0-9a-f-]{36})$/)?.[1];
  if (!id) throw new Error(`inviting a helper went to "${sent.headers.get("location")}"`);
  return id;
}

/** The invitee signs in with the address invited and answers the invitation (yes unless `answer` says otherwise): their browser. */
export async function acceptInvitation(server: ServerWithMail, email: string, invitationId: string, answer: Fields = { answer: "yes" }): Promise<Browser> {
  // The invitation's email first, so that the next email to the address is the sign-in code.
  await emailsSentTo(server, email, 0);
  const person = await signedIn(server, email);
  const answered = await person.post(`/invitations/${invitationId}`, answer);
  expect(answered.status, "answering an invitation").toBe(303);
  return person;
}

/** A story written for someone else (a daughter under a lasting power of attorney), saved as version 1: its id. */
export async function publishedStoryForSomeone(writer: Browser, someone: Fields = {}): Promise<string> {
  const made = await writer.post("/stories/new/someone", {
    name: "Emrys Davies",
    relationship: "his daughter",
    basis: "lpa",
    writerName: "Nia Davies",
    ...someone,
  });
  expect(made.status, "starting a story for someone").toBe(302);
  const storyId = (made.headers.get("location") ?? "").slice("/stories/".length);
  expect((await writer.post(`/stories/${storyId}/matters`, { matters: "His garden.", mattersVoice: "theirs", intent: "continue" })).status).toBe(302);
  expect((await writer.post(`/stories/${storyId}/check`)).status, "saving version 1").toBe(302);
  return storyId;
}
