// @ts-check
/**
 * The browser tests drive a real Chromium: Debian's `chromium-headless-shell`
 * package, since Playwright's own browser download is not available everywhere
 * we test. It is the same engine as Debian's `chromium` without the desktop
 * browser around it, and what Playwright itself runs headless: in the browser
 * suites it used a third less of the machine than `chromium` run headless.
 * Where only `chromium` is installed (and this is not run as root), that is used. The
 * HTTP and browser tests also check every page with the Nu HTML Checker
 * (vnu-jar), a Java program: Debian's `default-jre-headless`; and the test of
 * a printed summary reads its PDF with pdftotext (Debian's `poppler-utils`).
 * `npm test` runs this first. It finds a Chromium, a `java` and pdftotext, or
 * installs what is missing when it can (as root, through apt), or says how to
 * get it and fails.
 *
 * The browser helper (tests/support/browser.ts) imports the same lookup, so the
 * tests and this check can never disagree about which Chromium to use.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** Where Debian puts its headless shell (the program itself: its /usr/bin launcher is a shell script around it). */
export const headlessShellPath = "/usr/lib/chromium/chromium-headless-shell";

/** Where Debian and Ubuntu put a Chromium, in the order we try them: the headless shell, then the desktop browser's launcher. */
export const chromiumCandidates = [headlessShellPath, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

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
  return found ? { path: found } : { problem: `No Chromium was found at ${chromiumCandidates.join(" or ")}.`, canInstall: true };
}

/**
 * What to tell a person whose machine has no usable Chromium.
 * @param {string} problem
 */
export function installHelp(problem) {
  return [
    problem,
    "The browser tests need Chromium (Debian's `chromium-headless-shell` package, or its `chromium`). To get it:",
    "  - as root, run: apt-get update && apt-get install -y chromium-headless-shell",
    "  - otherwise, ask an administrator to install the `chromium-headless-shell` package,",
    "  - or set CHROMIUM_PATH to the full path of a Chromium or Google Chrome executable.",
  ].join("\n");
}

/** Where Debian puts pdftotext (its `poppler-utils` package), which the print test reads PDFs with. */
export const pdftotextPath = "/usr/bin/pdftotext";

/** What to tell a person whose machine has no pdftotext. */
function pdftotextHelp() {
  return `No pdftotext was found at ${pdftotextPath}. The print test reads PDFs with it: as root, run apt-get install -y poppler-utils, or ask an administrator to install the \`poppler-utils\` package.`;
}

/** Whether a `java` runs, for the Nu HTML Checker. */
export function hasJava() {
  return spawnSync("java", ["-version"], { stdio: "ignore" }).status === 0;
}

/** What to tell a person whose machine has no Java. */
export function javaHelp() {
  return [
    "No Java was found (`java -version` did not run).",
    "The HTML checks run the Nu HTML Checker (vnu-jar), which needs Java 11 or later. To get it:",
    "  - as root, run: apt-get update && apt-get install -y default-jre-headless",
    "  - otherwise, ask an administrator to install the `default-jre-headless` package, or put any Java 11 or later on PATH.",
  ].join("\n");
}

/**
 * @param {string} command
 * @param {string[]} args
 */
function run(command, args) {
  console.log(`$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return result.status === 0;
}

/** @returns {number} the exit code */
function main() {
  const chromium = findChromium();
  if (!("path" in chromium) && !chromium.canInstall) {
    console.error(installHelp(chromium.problem));
    return 1;
  }
  const root = process.getuid?.() === 0;
  // As root, the headless shell even beside a `chromium` (unless CHROMIUM_PATH chose one); otherwise any Chromium found.
  const needsChromium = root && !process.env.CHROMIUM_PATH ? !isExecutableFile(headlessShellPath) : !("path" in chromium);
  /** @type {string[]} Debian packages to install */
  const missing = [
    ...(needsChromium ? ["chromium-headless-shell"] : []),
    ...(hasJava() ? [] : ["default-jre-headless"]),
    ...(isExecutableFile(pdftotextPath) ? [] : ["poppler-utils"]),
  ];
  if (missing.length === 0) return 0;

  if (!root) {
    if (!("path" in chromium)) console.error(installHelp(chromium.problem));
    if (missing.includes("default-jre-headless")) console.error(javaHelp());
    if (missing.includes("poppler-utils")) console.error(pdftotextHelp());
    return 1;
  }

  console.log(`Installing Debian's ${missing.join(" and ")} (missing), as this is running as root.`);
  // Slim Debian images leave out man pages, and Java's package fails to install without their directory.
  mkdirSync("/usr/share/man/man1", { recursive: true });
  const installed = run("apt-get", ["update"]) && run("apt-get", ["install", "-y", ...missing]);
  const after = findChromium();
  if (!("path" in after)) {
    console.error(
      installHelp(installed ? `apt-get installed chromium-headless-shell, but ${after.problem}` : "Installing chromium-headless-shell with apt-get failed."),
    );
    return 1;
  }
  if (!hasJava()) {
    console.error(javaHelp());
    return 1;
  }
  if (!isExecutableFile(pdftotextPath)) {
    console.error(pdftotextHelp());
    return 1;
  }
  console.log(`Chromium is at ${after.path}, java runs, and pdftotext is at ${pdftotextPath}.`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main();
}
