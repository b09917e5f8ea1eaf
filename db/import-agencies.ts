/**
 * Loads a council's own agency list into the database at DATABASE_PATH,
 * adding new agencies and updating existing ones by key. The file format and
 * rules are in the README, "Agency directory".
 *
 * Usage: npm run agencies:import -- agencies.json
 */
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
if (args.length !== 1) {
  process.stderr.write("Usage: npm run agencies:import -- FILE.json\n");
  process.exit(1);
}
const [file] = args;

function fail(lines: string[]): never {
  process.stderr.write(`${lines.join("\n")}\n`);
  process.exit(1);
}

let contents: string;
try {
  contents = readFileSync(file, "utf8");
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === "ENOENT" ? "there is no such file" : code === "EISDIR" ? "it is a folder" : code === "EACCES" ? "permission denied" : (error as Error).message;
  fail([`Could not read ${file}: ${why}. Nothing was imported.`]);
}

// Only now open (and if need be create and migrate) the database, so a mistyped file name leaves no empty database behind.
const { importAgencyFile } = await import("#app/services/agency-import.server");
const outcome = importAgencyFile(contents);
if (!outcome.ok) {
  const count = outcome.problems.length === 1 ? "1 problem" : `${outcome.problems.length} problems`;
  fail([`Nothing was imported: ${file} has ${count}.`, ...outcome.problems]);
}
const total = outcome.created + outcome.updated;
process.stdout.write(`Imported ${total} ${total === 1 ? "agency" : "agencies"}: ${outcome.created} new, ${outcome.updated} updated.\n`);
