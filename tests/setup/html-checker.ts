/**
 * One Nu HTML Checker for the whole run: vnu.jar as a web service on a free
 * local port, started once and asked about each page over HTTP by every HTTP
 * and browser test file (tests/support/html-validation.ts). Java takes seconds
 * to start and warm up: the run does not wait for it here, and the first page
 * to be checked waits until it answers, while the tests go on.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import type { TestProject } from "vitest/node";
import { freePort } from "#tests/support/server";

declare module "vitest" {
  export interface ProvidedContext {
    htmlChecker: string;
  }
}

const require = createRequire(import.meta.url);

// Both the HTTP and the browser project name this file; the run shares one checker.
let running: Promise<{ url: string; checker: ChildProcess }> | undefined;
let users = 0;

async function start(): Promise<{ url: string; checker: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/?out=json`;
  const jar = require.resolve("vnu-jar/build/dist/vnu.jar");
  const checker = spawn(
    "java",
    [
      // A deep stack: the checker's schema expansion recurses (its README asks for -Xss512k at the least).
      "-Xss4m",
      // Java's quick compiler only: a run checks a thousand or so pages, too few for the optimising compiler
      // to earn back what it costs (a third of the checker's time, measured), and the checker starts in half the time.
      "-XX:TieredStopAtLevel=1",
      // One collector thread that stops the checker while it runs: on two cores shared with the tests, the default
      // collector's concurrent threads cost more than they save (40% of the checker's time per page, measured).
      "-XX:+UseSerialGC",
      "-Dnu.validator.servlet.bind-address=127.0.0.1",
      "-cp",
      jar,
      "nu.validator.servlet.Main",
      String(port),
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let output = "";
  checker.stderr?.on("data", (chunk) => (output = (output + String(chunk)).slice(-4000)));
  // Without Java the run stops here, saying why.
  await new Promise<void>((started, fail) => {
    checker.once("spawn", started);
    checker.once("error", (error) =>
      fail(
        (error as NodeJS.ErrnoException).code === "ENOENT"
          ? new Error("The Nu HTML Checker needs Java (`java` was not found): apt-get install default-jre-headless, or run `npm test` as root.")
          : error,
      ),
    );
  });
  // A test file waiting for a checker that has stopped fails after a while; this says why.
  checker.once("exit", (code) => process.stderr.write(`The Nu HTML Checker stopped (exit code ${code}):\n${output}\n`));
  return { url, checker };
}

export default async function setup(project: TestProject) {
  users += 1;
  running ??= start();
  project.provide("htmlChecker", (await running).url);
  return async () => {
    users -= 1;
    if (users > 0 || !running) return;
    const { checker } = await running;
    running = undefined;
    checker.removeAllListeners("exit");
    checker.kill("SIGKILL");
  };
}
