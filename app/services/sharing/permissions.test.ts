import { describe, expect, test } from "vitest";
import { invitationExpiry, invitationState, may, mayAccept, refusalFor, roleIn, ROLES, STORY_ACTIONS, type Role, type StoryAction } from "./permissions";

/** The matrix as the issue states it, cell by cell: ✓ allowed, 403 seen but refused, 404 not there. */
const expected: Record<Role, Record<StoryAction, "✓" | 403 | 404>> = {
  owner: { view: "✓", edit: "✓", publish: "✓", share: "✓", changeShare: "✓", helpers: "✓", handOver: "✓", delete: "✓" },
  editAndShare: { view: "✓", edit: "✓", publish: "✓", share: "✓", changeShare: "✓", helpers: 403, handOver: 403, delete: 403 },
  edit: { view: "✓", edit: "✓", publish: "✓", share: 403, changeShare: 403, helpers: 403, handOver: 403, delete: 403 },
  none: { view: 404, edit: 404, publish: 404, share: 404, changeShare: 404, helpers: 404, handOver: 404, delete: 404 },
};

describe("who may do what with a story", () => {
  for (const role of ROLES) {
    for (const action of STORY_ACTIONS) {
      const cell = expected[role][action];
      test(`${role} × ${action}: ${cell}`, () => {
        expect(may(role, action)).toBe(cell === "✓");
        expect(refusalFor(role, action)).toBe(cell === "✓" ? null : cell);
      });
    }
  }

  test("the owner is the account the story belongs to; everyone else is nobody to it", () => {
    expect(roleIn({ ownerId: "a" }, "a")).toBe("owner");
    expect(roleIn({ ownerId: "a" }, "b")).toBe("none");
  });

  test("a helper has the role they accepted; the owner stays the owner whatever else is read", () => {
    expect(roleIn({ ownerId: "a", helperRole: "edit" }, "b")).toBe("edit");
    expect(roleIn({ ownerId: "a", helperRole: "editAndShare" }, "b")).toBe("editAndShare");
    expect(roleIn({ ownerId: "a", helperRole: null }, "b")).toBe("none");
    expect(roleIn({ ownerId: "a", helperRole: "edit" }, "a")).toBe("owner");
  });
});

describe("invitations", () => {
  const sent = new Date("2026-12-01T10:00:00Z");
  const expiresAt = invitationExpiry(sent);
  const invitation = { status: "invited", expiresAt, email: "rhys@example.com", role: "edit", invitedBy: "gwen" };
  const rhys = { id: "rhys", email: "rhys@example.com" };

  test("can be accepted for 14 days, to the millisecond", () => {
    expect(expiresAt.toISOString()).toBe("2026-12-15T10:00:00.000Z");
    expect(invitationState(invitation, new Date(expiresAt.getTime() - 1))).toBe("waiting");
    expect(invitationState(invitation, expiresAt)).toBe("expired");
  });

  test("an answered or ended invitation says what became of it, whatever its expiry", () => {
    for (const status of ["accepted", "declined", "withdrawn", "removed"] as const) {
      expect(invitationState({ status, expiresAt }, new Date(expiresAt.getTime() + 1))).toBe(status);
      expect(mayAccept({ ...invitation, status }, { ownerId: "gwen" }, rhys, sent)).toBe("not-waiting");
    }
  });

  test("only the address it was sent to accepts it, and only while it waits", () => {
    expect(mayAccept(invitation, { ownerId: "gwen" }, rhys, sent)).toBe("ok");
    expect(mayAccept(invitation, { ownerId: "gwen" }, { id: "x", email: "someone@example.com" }, sent)).toBe("other-address");
    expect(mayAccept(invitation, { ownerId: "gwen" }, rhys, expiresAt)).toBe("not-waiting");
  });

  test("the owner cannot accept an invitation to their own story", () => {
    expect(mayAccept(invitation, { ownerId: "rhys" }, rhys, sent)).toBe("already-owner");
  });

  test("an invitation to take a story over lapses if the story has changed hands since", () => {
    const takeOver = { ...invitation, role: "owner" };
    expect(mayAccept(takeOver, { ownerId: "gwen" }, rhys, sent)).toBe("ok");
    expect(mayAccept(takeOver, { ownerId: "someone-else" }, rhys, sent)).toBe("owner-changed");
    // A helper invitation outlives a hand-over: the new owner sees it and may withdraw it.
    expect(mayAccept(invitation, { ownerId: "someone-else" }, rhys, sent)).toBe("ok");
  });
});
