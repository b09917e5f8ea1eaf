/**
 * Writes the scripts pages load to public/assets: GOV.UK Frontend's own ES
 * module bundle, and application.js importing it by an address that carries
 * the bundle's fingerprint. The page links application.js by its own
 * fingerprint (app/web/assets.server.ts), so a new version of either file has a
 * new address, and both can be cached for a year.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const root = new URL("../../", import.meta.url);
const assets = new URL("public/assets/", root);
const fingerprint = (text) => createHash("sha256").update(text).digest("hex").slice(0, 12);

// Without its source map comment: no map is served, and a browser's developer tools would ask for one.
const govukFrontend = readFileSync(new URL("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", root), "utf8").replace(
  /\s*\/\/# sourceMappingURL=\S+\s*$/,
  "\n",
);
const application = readFileSync(new URL("app/browser/application.js", root), "utf8");
const bundleImport = /from "govuk-frontend";/;
if (!bundleImport.test(application)) throw new Error('app/browser/application.js must import from "govuk-frontend"');

mkdirSync(assets, { recursive: true });
writeFileSync(new URL("govuk-frontend.min.js", assets), govukFrontend);
writeFileSync(new URL("application.js", assets), application.replace(bundleImport, `from "./govuk-frontend.min.js?v=${fingerprint(govukFrontend)}";`));
