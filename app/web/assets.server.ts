import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sha256 } from "#app/lib/sha256.server";

function fingerprint(publicPath: string): string {
  try {
    const file = fileURLToPath(new URL(`../public${publicPath}`, import.meta.url));
    return `${publicPath}?v=${sha256(readFileSync(file)).slice(0, 12)}`;
  } catch {
    return publicPath;
  }
}

/** The stylesheet's address, fingerprinted once at start-up so browsers may cache it for a year. */
export const stylesheetHref = fingerprint("/assets/application.css");

/** The one script pages load (app/browser/application.js), fingerprinted the same way. */
export const scriptSrc = fingerprint("/assets/application.js");
