import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    setupFiles: ["./tests/setup/fail-on-console-error.ts"],
    // Two test files at a time, even on two cores (vitest's default there is one): a browser or HTTP
    // file spends most of its time waiting on its server and Chromium, so another file runs meanwhile.
    maxWorkers: 2,
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
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          // As for the HTTP files: a file's Chromium closes after it, and its portal starts afresh the record of
          // the page states axe-core audited.
          isolate: false,
          globalSetup: ["./tests/setup/html-checker.ts"],
          setupFiles: ["./tests/setup/validate-html.ts", "./tests/setup/fail-on-server-error.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
