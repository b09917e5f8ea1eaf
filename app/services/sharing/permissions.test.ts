import { describe, expect, test } from "vitest";
import { may, refusalFor, roleIn, ROLES, STORY_ACTIONS, type Role, type StoryAction } from "./permissions";

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
});
