import { afterAll } from "vitest";
import { validateKeptPages } from "#tests/support/html-validation";

// After each HTTP or browser test file, every distinct page it loaded must be valid HTML.
afterAll(async () => {
  const invalid = await validateKeptPages();
  if (invalid.length > 0) throw new Error(`${invalid.length} page(s) are not valid HTML (Nu HTML Checker):\n${invalid.join("\n")}`);
}, 180_000);
