import { describe, expect, test } from "vitest";
import { routePattern } from "./route-pattern";

describe("the route an address was answered by", () => {
  const token = "Gm0c9Qm0WQ0JZqk1xH8n7l5kq2m3n4b5v6c7x8z9a0s";

  test("a page without values is its own address", () => {
    expect(routePattern("/sign-in", {})).toBe("/sign-in");
    expect(routePattern("/", {})).toBe("/");
  });

  test("each value is replaced by its name: no token, id or answer is kept", () => {
    expect(routePattern(`/shared/${token}`, { token })).toBe("/shared/:token");
    const storyId = "0b6f3a4e-3a1e-4c55-9f51-6f1d0c2b8e11";
    expect(routePattern(`/stories/${storyId}/about/contact`, { storyId, section: "about", page: "contact" })).toBe("/stories/:storyId/:section/:page");
    expect(routePattern(`/stories/${storyId}/about`, { storyId, section: "about", page: undefined })).toBe("/stories/:storyId/:section");
  });

  test("a value written with escapes is replaced too", () => {
    expect(routePattern("/shared/jane%40example.org", { token: "jane@example.org" })).toBe("/shared/:token");
  });

  test("an address no page has keeps none of what was typed", () => {
    expect(routePattern("/jane.smith@example.org", { "*": "jane.smith@example.org" })).toBe("/*");
    expect(routePattern("/a/b/%E0%A4%A", { "*": "a/b/%E0%A4%A" })).toBe("/*");
  });
});
