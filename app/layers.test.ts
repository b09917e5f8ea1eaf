/**
 * The folders of app/ say what they hold, and each imports only from the
 * layers beneath it: leaf helpers and configuration import nothing of the
 * app's, the database nothing above configuration, models nothing above the
 * database, the request glue (session, layout, forms) nothing above models,
 * services nothing of the guards, components or pages. A loop such as
 * app → db → app is what this keeps out. Components run in the browser, so
 * they take only types from server modules.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";

const root = join(import.meta.dirname, "..");

/** The request glue: below the services, which read forms, cookies and refuse through it. */
const glue = [
  "app/lib",
  "app/config",
  "db",
  "app/i18n",
  "app/models",
  "app/paths",
  "app/web/form",
  "app/web/form.server",
  "app/web/layout.server",
  "app/web/session.server",
  "app/web/assets.server",
];

/** What each folder (or module) may import from the app (`#app/…`, `#db/…`); anything else is a wrong-way import. */
const mayImport: Record<string, readonly string[]> = {
  "app/lib": ["app/lib"],
  "app/config": ["app/lib", "app/config"],
  db: ["app/lib", "app/config", "db"],
  "app/i18n": ["app/lib", "app/config", "app/i18n"],
  "app/models": ["app/lib", "app/config", "db", "app/i18n", "app/models", "app/paths"],
  "app/web/form": glue,
  "app/web/layout.server": glue,
  "app/web/session.server": glue,
  "app/web/assets.server": glue,
  "app/web/form.server": glue,
  "app/services": [...glue, "app/services"],
  "app/web/guards.server": [...glue, "app/services"],
  "app/web/share-actions.server": [...glue, "app/services", "app/web/guards.server"],
  "app/web/provider-sign-in.server": [...glue, "app/services"],
  "app/web/code-sign-in.server": [...glue, "app/services"],
};

function sourceFiles(place: string): string[] {
  const file = ["ts", "tsx", "js"].map((ext) => `${place}.${ext}`).find((name) => existsSync(join(root, name)));
  if (file) return [file];
  return readdirSync(join(root, place), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|js)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** The app modules a file imports, as paths from the project root without extension, and whether only types are taken. */
function appImports(file: string): { target: string; typeOnly: boolean }[] {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/import (type )?(?:[^"]*?) from "#(app|db)\/([^"]+)"/g)].map((match) => ({
    target: `${match[2]}/${match[3]}`.replace(/\.(js|ts)$/, ""),
    typeOnly: Boolean(match[1]) || /^import \{(\s*type [^,}]+,?)+\s*\}/.test(match[0]),
  }));
}

const allowed = (target: string, folders: readonly string[]) => folders.some((folder) => target === folder || target.startsWith(`${folder}/`));

describe("each folder imports only from the folders beneath it", () => {
  for (const [folder, folders] of Object.entries(mayImport)) {
    test(folder, () => {
      const wrongWay = sourceFiles(folder).flatMap((file) =>
        appImports(file)
          .map(({ target }) => target)
          .filter((target) => !allowed(target, folders))
          .map((target) => `${file} imports ${target}`),
      );
      expect(wrongWay).toEqual([]);
    });
  }

  test("components and the layout take only types from server modules, and nothing imports a page", () => {
    const wrongWay = [...sourceFiles("app/components"), "app/root.tsx"].flatMap((file) =>
      appImports(file)
        .filter(({ target, typeOnly }) => target.startsWith("app/routes/") || (/\.server$/.test(target) && !typeOnly && file !== "app/root.tsx"))
        .map(({ target }) => `${file} imports ${target}`),
    );
    expect(wrongWay).toEqual([]);
  });

  test("the check sees imports, and tells a type-only import from a value import", () => {
    expect(appImports("app/models/story.server.ts").map(({ target }) => target)).toContain("db/client.server");
    expect(appImports("app/components/error-page.tsx")).toContainEqual({ target: "app/web/layout.server", typeOnly: true });
    expect(appImports("app/web/guards.server.ts")).toContainEqual({ target: "app/services/sharing/journey.server", typeOnly: false });
  });
});
