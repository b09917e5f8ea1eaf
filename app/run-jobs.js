// @ts-check
/**
 * Runs the service's housekeeping once, as the server does every minute:
 * shares past their end marked and their owners told, the
 * parental-responsibility reminders, retention (unused accounts warned, then
 * deleted; ended shares' access logs forgotten after RETENTION_MONTHS), and
 * forgetting expired sessions and sign-ins. Safe to run at any time, as often
 * as wanted, beside running servers: for a scheduler (cron) where no server
 * runs all the time.
 *
 * Plain JavaScript running the built server bundle, as app/import-agencies.js.
 *
 * Usage: npm run jobs
 */
import { existsSync } from "node:fs";

const bundle = new URL("../build/index.js", import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write("The service is not built: run `npm run build` first. Nothing was run.\n");
  process.exit(1);
}
/** @type {import("@remix-run/node").ServerBuild} */
const build = await import(/* @vite-ignore */ bundle.href);
/** @type {typeof import("#app/entry.server").serverSupport} */
const { runJobs, prepareDatabase, closeDatabase } = build.entry.module.serverSupport;
await prepareDatabase();
const started = Date.now();
const done = await runJobs();
await closeDatabase();
process.stdout.write(
  `Jobs done in ${Date.now() - started} ms: ${done.sharesEnded} share(s) ended, ${done.remindersSent} reminder(s) sent, ` +
    `${done.warned} unused account(s) warned, ${done.deleted} deleted, ${done.sharesForgotten} ended share(s)' access logs forgotten.\n`,
);
