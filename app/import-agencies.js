// @ts-check
/**
 * Loads a council's own agency list into the database at DATABASE_PATH,
 * adding new agencies and updating existing ones by key. The file format and
 * rules are in the README, "Agency directory".
 *
 * Plain JavaScript running the built server bundle (as app/server.js does), so
 * a production install (`npm ci --omit=dev`, then `npm run build`) can run it.
 *
 * Usage: npm run agencies:import -- agencies.json
 */
import { existsSync, readFileSync } from "node:fs";

const args = process.argv.slice(2);
if (args.length !== 1) {
  process.stderr.write("Usage: npm run agencies:import -- FILE.json\n");
  process.exit(1);
}
const [file] = args;

/** @param {string[]} lines @returns {never} */
function fail(lines) {
  process.stderr.write(`${lines.join("\n")}\n`);
  process.exit(1);
}

const bundle = new URL("../build/index.js", import.meta.url);
if (!existsSync(bundle)) fail(["The service is not built: run `npm run build` first. Nothing was imported."]);

/** @type {string} */
let contents;
try {
  contents = readFileSync(file, "utf8");
} catch (error) {
  const code = /** @type {NodeJS.ErrnoException} */ (error).code;
  const why =
    code === "ENOENT"
      ? "there is no such file"
      : code === "EISDIR"
        ? "it is a folder"
        : code === "EACCES"
          ? "permission denied"
          : /** @type {Error} */ (error).message;
  fail([`Could not read ${file}: ${why}. Nothing was imported.`]);
}

// Only now load the build, which checks the configuration and opens (and if need be creates and migrates) the
// database, so a mistyped file name leaves no empty database behind.
/** @type {import("@remix-run/node").ServerBuild} */
const build = await import(/* @vite-ignore */ bundle.href);
/** @type {typeof import("#app/entry.server").serverSupport} */
const { importAgencyFile, prepareDatabase, closeDatabase } = build.entry.module.serverSupport;
await prepareDatabase();
const outcome = await importAgencyFile(contents);
await closeDatabase();
if (!outcome.ok) {
  const count = outcome.problems.length === 1 ? "1 problem" : `${outcome.problems.length} problems`;
  fail([`Nothing was imported: ${file} has ${count}.`, ...outcome.problems]);
}
const total = outcome.created + outcome.updated;
process.stdout.write(`Imported ${total} ${total === 1 ? "agency" : "agencies"}: ${outcome.created} new, ${outcome.updated} updated.\n`);
