// @ts-check
/**
 * The browser tests drive a real Chromium: Debian's `chromium` package, since
 * Playwright's own browser download is not available everywhere we test.
 * `npm test` runs this first. It finds a Chromium, or installs one when it can
 * (as root, through apt), or says how to get one and fails; and the same for
 * pdftotext (Debian's `poppler-utils`), which the print test reads PDFs with.
 *
 * The browser helper (tests/support/browser.ts) imports the same lookup, so the
 * tests and this check can never disagree about which Chromium to use.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** Where Debian and Ubuntu put their Chromium launcher, in the order we try them. */
export const chromiumCandidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** @param {string} path */
function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The Chromium to drive: `CHROMIUM_PATH` when set, else the first candidate
 * that exists.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ path: string } | { problem: string, canInstall: boolean }}
 */
export function findChromium(env = process.env) {
  const chosen = env.CHROMIUM_PATH;
  if (chosen) {
    // Installing a package would not help: the setting points somewhere else.
    return isExecutableFile(chosen)
      ? { path: chosen }
      : { problem: `CHROMIUM_PATH is set to ${chosen}, but that is not an executable file.`, canInstall: false };
  }
  const found = chromiumCandidates.find(isExecutableFile);
  return found
    ? { path: found }
    : { problem: `No Chromium was found at ${chromiumCandidates.join(" or ")}.`, canInstall: true };
}

/**
 * What to tell a person whose machine has no usable Chromium.
 * @param {string} problem
 */
export function installHelp(problem) {
  return [
    problem,
    "The browser tests need Chromium (Debian's `chromium` package). To get it:",
    "  - as root, run: apt-get update && apt-get install -y chromium",
    "  - otherwise, ask an administrator to install the `chromium` package,",
    "  - or set CHROMIUM_PATH to the full path of a Chromium or Google Chrome executable.",
  ].join("\n");
}

/** Where Debian puts pdftotext (its `poppler-utils` package), which the print test reads PDFs with. */
export const pdftotextPath = "/usr/bin/pdftotext";

/**
 * @param {string} command
 * @param {string[]} args
 */
function run(command, args) {
  console.log(`$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return result.status === 0;
}

/**
 * pdftotext, for the test of a printed summary: present, or installed when
 * this runs as root, as Chromium is.
 * @returns {number} the exit code
 */
function ensurePdftotext() {
  if (isExecutableFile(pdftotextPath)) return 0;
  if (process.getuid?.() !== 0) {
    console.error(`No pdftotext was found at ${pdftotextPath}. The print test reads PDFs with it: as root, run apt-get install -y poppler-utils, or ask an administrator to install the \`poppler-utils\` package.`);
    return 1;
  }
  console.log(`No pdftotext was found at ${pdftotextPath}. Installing Debian's poppler-utils package, as this is running as root.`);
  const installed = run("apt-get", ["update"]) && run("apt-get", ["install", "-y", "poppler-utils"]);
  if (isExecutableFile(pdftotextPath)) return 0;
  console.error(installed ? `apt-get installed poppler-utils, but there is still no ${pdftotextPath}.` : "Installing poppler-utils with apt-get failed.");
  return 1;
}

/** @returns {number} the exit code */
function main() {
  const first = findChromium();
  if ("path" in first) return ensurePdftotext();

  if (!first.canInstall || process.getuid?.() !== 0) {
    console.error(installHelp(first.problem));
    return 1;
  }

  console.log(`${first.problem} Installing Debian's chromium package, as this is running as root.`);
  const installed = run("apt-get", ["update"]) && run("apt-get", ["install", "-y", "chromium"]);
  const second = findChromium();
  if ("path" in second) {
    console.log(`Chromium installed at ${second.path}.`);
    return ensurePdftotext();
  }
  console.error(installHelp(installed ? `apt-get installed chromium, but ${second.problem}` : "Installing chromium with apt-get failed."));
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main();
}
