import { describe, expect, test } from "vitest";
import { errorsIn, unclaimed } from "./server";

describe("what a server printed to stderr", () => {
  const stack =
    "SqliteError: no such table: audit_events\n    at Database.prepare (wrappers.js:5:21)\n    at run (index.js:1:1) {\n  code: 'SQLITE_ERROR'\n}\n";

  test("is cut into one error per unindented line, with its stack and the object printed with it", () => {
    expect(errorsIn(`${stack}The mail worker will try again: busy\n`)).toEqual([stack.trimEnd(), "The mail worker will try again: busy"]);
    expect(errorsIn("")).toEqual([]);
  });

  test("is claimed only by an expectation that matches it, and an expectation nothing printed is reported too", () => {
    const errors = errorsIn(`${stack}The mail worker will try again: busy\n`);
    expect(unclaimed(errors, [/^SqliteError: no such table/, /^The mail worker/])).toEqual([]);
    expect(unclaimed(errors, [/^SqliteError/])).toEqual(["The mail worker will try again: busy"]);
    expect(unclaimed([], [/^SqliteError/])).toEqual(["(an error matching /^SqliteError/ was expected, and not printed)"]);
  });
});
