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
          globalSetup: ["./tests/setup/html-checker.ts"],
          setupFiles: ["./tests/setup/validate-html.ts", "./tests/setup/fail-on-server-error.ts"],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // The same HTTP suites with each server on a new PostgreSQL database (tests/support/server.js):
          // the files that read the database only through the server so far.
          name: "http-postgres",
          include: [
            "tests/http/markup.test.ts",
            "tests/http/pages.test.ts",
            "tests/http/translations.test.ts",
            "tests/http/welsh.test.ts",
            "tests/postgres/**/*.test.ts",
          ],
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
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          globalSetup: ["./tests/setup/html-checker.ts"],
          setupFiles: ["./tests/setup/validate-html.ts", "./tests/setup/fail-on-server-error.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
