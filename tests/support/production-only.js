// @ts-check
/**
 * `node --import ./tests/support/production-only.js …` runs a command as a
 * production install (`npm ci --omit=dev`) would: loading any package that such
 * an install leaves out fails at once, naming it.
 */
import { register } from "node:module";

register("./production-only-hooks.js", import.meta.url);
