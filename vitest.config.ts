import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Longest files first, so that no long file starts last and leaves one worker
 * running it alone at the end. Vitest orders a project's files by how long each
 * took in the last run on this machine; with no record of that (a fresh
 * checkout, CI) it orders them by size, which says nothing of a test file that
 * runs a journey written in a module beside it (story-journey-js-on.test.ts
 * is three lines). Then each file counts as long as it is with the modules it
 * imports from beside it.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const timed = (file: TestSpecification) => this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`);
    if (files.every(timed)) return super.sort(files);
    const size = new Map(files.map((file) => [file, sizeWithNeighbours(file.moduleId)]));
    // Projects in the order vitest gives them (by name: browser, browser-postgres, http, …), each longest first.
    return [...files].sort((a, b) => (a.project.name === b.project.name ? size.get(b)! - size.get(a)! : a.project.name < b.project.name ? -1 : 1));
  }
}

/** A file's size with that of each module it imports by a relative path. */
function sizeWithNeighbours(file: string): number {
  const imported = [...readFileSync(file, "utf8").matchAll(/from "(\.\.?\/[^"]+)"/g)].map((match) => resolve(dirname(file), match[1]));
  const found = imported.flatMap((path) =>
    [path, `${path}.ts`, `${path}.js`].filter((candidate) => existsSync(candidate) && statSync(candidate).isFile()).slice(0, 1),
  );
  return [file, ...found].reduce((total, path) => total + statSync(path).size, 0);
}

export default defineConfig({
  test: {
    setupFiles: ["./tests/setup/fail-on-console-error.ts"],
    // Two test files at a time, even on two cores (vitest's default there is one): a browser or HTTP
    // file spends most of its time waiting on its server and Chromium, so another file runs meanwhile.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "tests/support/**/*.test.ts"],
          // Each worker gets its own private database.
          env: { DATABASE_PATH: ":memory:" },
        },
      },
      {
        extends: true,
        test: {
          name: "http",
          include: ["tests/http/**/*.test.ts"],
          // Each file starts its own server and database, and what the modules it shares keep lasts one file
          // (the pages kept for the HTML checker are checked and forgotten after it): a worker need not import
          // them afresh for each file, which took seconds of a browser file's time (Playwright above all).
          isolate: false,
          globalSetup: ["./tests/setup/html-checker.ts"],
          setupFiles: ["./tests/setup/validate-html.ts", "./tests/setup/fail-on-server-error.ts"],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // The same HTTP suites with each server on a new PostgreSQL database (tests/support/server.js), but for
          // the one about starting on a new SQLite file and refusing bad settings, which no database reaches.
          name: "http-postgres",
          include: ["tests/http/**/*.test.ts", "tests/postgres/**/*.test.ts"],
          exclude: ["tests/http/startup.test.ts"],
          isolate: false,
          env: { TEST_ENGINE: "postgres" },
          globalSetup: ["./tests/setup/html-checker.ts"],
          setupFiles: ["./tests/setup/validate-html.ts", "./tests/setup/fail-on-server-error.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Every browser suite runs on both engines, each configuration on one (tests/support/browser.ts, onThisEngine):
          // with JavaScript off on SQLite here, and with it on on PostgreSQL below.
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          exclude: ["tests/browser/**/*-js-on.test.ts"],
          // As for the HTTP files: a file's Chromium closes after it, and its portal starts afresh the record of
          // the page states axe-core audited.
          isolate: false,
          globalSetup: ["./tests/setup/html-checker.ts"],
          setupFiles: ["./tests/setup/validate-html.ts", "./tests/setup/fail-on-server-error.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // The browser suites with each portal on a new PostgreSQL database, in the configurations with JavaScript on.
          name: "browser-postgres",
          include: ["tests/browser/**/*.test.ts"],
          exclude: ["tests/browser/**/*-js-off.test.ts"],
          isolate: false,
          env: { TEST_ENGINE: "postgres" },
          globalSetup: ["./tests/setup/html-checker.ts"],
          setupFiles: ["./tests/setup/validate-html.ts", "./tests/setup/fail-on-server-error.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
