// @ts-check
/**
 * Module-resolution hooks for production-only.js. The packages a production
 * install leaves out are those package-lock.json marks `dev` (devDependencies
 * and everything only they need).
 */
import { readFileSync } from "node:fs";

const root = new URL("../../", import.meta.url);
/** @type {{ packages: Record<string, { dev?: boolean }> }} */
const lock = JSON.parse(readFileSync(new URL("package-lock.json", root), "utf8"));
const devOnly = Object.entries(lock.packages)
  .filter(([path, entry]) => path !== "" && entry.dev)
  .map(([path]) => new URL(`${path}/`, root).href);

/**
 * @param {string} specifier
 * @param {{ parentURL?: string }} context
 * @param {(specifier: string, context: object) => Promise<{ url: string }>} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  const folder = devOnly.find((prefix) => resolved.url.startsWith(prefix));
  if (folder) {
    const from = context.parentURL ? ` (imported by ${context.parentURL})` : "";
    throw new Error(`${specifier}${from} is in ${folder}, which a production install does not have`);
  }
  return resolved;
}
