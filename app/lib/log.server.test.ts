import { join } from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import { describe, expect, test } from "vitest";
import remixConfig from "../../remix.config.js";
import { routeTable } from "./log.server";

type Manifest = ServerBuild["routes"];
type RouteObject = Parameters<typeof matchRoutes>[0][number];

/** The routes as the build lists them: the root, then every file in app/routes under it. */
const appRoutes = {
  root: { id: "root", path: "" },
  ...flatRoutes(join(import.meta.dirname, ".."), remixConfig.ignoredRouteFiles),
} as unknown as Manifest;

/** Shapes the app has not (yet): layouts with and without a path, an optional segment mid-path, siblings of equal rank. */
const otherShapes = {
  root: { id: "root", path: "" },
  layout: { id: "layout", parentId: "root" },
  "layout/a": { id: "layout/a", parentId: "layout", path: "a/:id" },
  "layout/first": { id: "layout/first", parentId: "layout", path: "b/:x" },
  "layout/second": { id: "layout/second", parentId: "layout", path: "b/:y" },
  docs: { id: "docs", parentId: "root", path: "docs" },
  "docs/index": { id: "docs/index", parentId: "docs", index: true },
  "docs/page": { id: "docs/page", parentId: "docs", path: ":lang?/:page" },
  "docs/all": { id: "docs/all", parentId: "docs", path: "all/*" },
  index: { id: "index", parentId: "root", index: true },
  splat: { id: "splat", parentId: "root", path: "*" },
} as unknown as Manifest;

/** The manifest as the tree Remix hands React Router (server-runtime's createRoutes). */
function tree(manifest: Manifest, parentId?: string): RouteObject[] {
  return Object.values(manifest)
    .filter((route) => route.parentId === parentId)
    .map(
      (route) =>
        ({ id: route.id, path: route.path, index: route.index, caseSensitive: route.caseSensitive, children: tree(manifest, route.id) }) as RouteObject,
    );
}

/** React Router's own answer, named as routeTable names it: the matched routes' paths, each optional segment as the address had it. */
function reference(routes: RouteObject[], pathname: string): string {
  const matches = matchRoutes(routes, pathname);
  if (!matches) return "/*";
  const { params } = matches[matches.length - 1];
  const segments = matches
    .map((match) => match.route.path ?? "")
    .join("/")
    .split("/")
    .filter((segment) => !segment.endsWith("?") || params[segment.slice(1, -1)] !== undefined)
    .map((segment) => segment.replace(/\?$/, ""));
  return `/${segments.join("/")}`.replace(/\/\/+/g, "/").replace(/(.)\/$/, "$1");
}

/** Values a person, a link or an attacker might put where a route takes one: some are a route's own words. */
const values = ["new", "check", "share", "shares", "0b6f3a4e-3a1e-4c55-9f51-6f1d0c2b8e11", "a%2Fb", "qvzk%252F", "%E0%A4%A", "qvzk.data", "Qvzk Marker"];

/** Addresses for each route: every value in each of its places, optional places left out, and the same with a trailing slash or in capitals. */
function addressesFor(manifest: Manifest): string[] {
  const paths = Object.values(manifest).flatMap((route) => {
    const full: string[] = [];
    for (let at: (typeof route)["parentId"] = route.id; at; at = manifest[at]?.parentId) full.unshift(manifest[at]?.path ?? "");
    return [full.join("/")];
  });
  const addresses = paths.flatMap((path) =>
    values.flatMap((value) => {
      const filled = path
        .replace(/:[\w-]+\?/g, value)
        .replace(/:[\w-]+/g, value)
        .replace(/\*$/, `${value}/more`);
      const omitted = path
        .replace(/\/?:[\w-]+\?/g, "")
        .replace(/:[\w-]+/g, value)
        .replace(/\*$/, "");
      return [filled, omitted];
    }),
  );
  const extra = ["", "//", "/stories/", "/STORIES/NEW/SOMEONE", "/%73tories/new", "/a/b/c", "/shared/", "/build/x.js", "/__manifest/x"];
  return [
    ...new Set([...addresses, ...extra].flatMap((path) => [`/${path}`.replace(/\/\/+/g, "/"), `/${path}/`.replace(/\/\/+/g, "/"), `/${path}`.toUpperCase()])),
  ];
}

describe("the route a request is logged under", () => {
  for (const [name, manifest] of [
    ["the app's routes", appRoutes],
    ["other shapes of route", otherShapes],
  ] as const) {
    test(`is the one React Router picks: ${name}`, () => {
      const routeOf = routeTable(manifest);
      const routes = tree(manifest);
      const addresses = addressesFor(manifest);
      expect(addresses.length).toBeGreaterThan(100);
      const expected = (address: string) => {
        // What Remix does with a page's data before it asks React Router (server-runtime's requestHandler).
        if (!address.endsWith(".data")) return reference(routes, address);
        const route = reference(routes, address.slice(0, -".data".length).replace(/^\/_root$/, "/"));
        return `${route === "/" ? "/_root" : route}.data`;
      };
      const differences = addresses.map((address) => [address, routeOf(address), expected(address)]).filter(([, ours, theirs]) => ours !== theirs);
      expect(differences).toEqual([]);
    });
  }

  test("names the route's places, never what the address put in them", () => {
    const routeOf = routeTable(appRoutes);
    for (const address of addressesFor(appRoutes)) expect(routeOf(address).toLowerCase(), address).not.toContain("qvzk");
    expect(routeOf("/shared/Gm0c9Qm0WQ0JZqk1xH8n7l5kq2m3n4b5v6c7x8z9a0s")).toBe("/shared/:token");
    expect(routeOf("/stories/0b6f3a4e-3a1e-4c55-9f51-6f1d0c2b8e11/about/contact")).toBe("/stories/:storyId/:section/:page");
    expect(routeOf("/stories/new/someone")).toBe("/stories/new/someone");
    expect(routeOf("/qvzk@example.org")).toBe("/*");
  });

  test("Remix's own addresses: a page's data and the route manifest", () => {
    const routeOf = routeTable(appRoutes);
    expect(routeOf("/_root.data")).toBe("/_root.data");
    expect(routeOf("/stories/0b6f3a4e-3a1e-4c55-9f51-6f1d0c2b8e11/about.data")).toBe("/stories/:storyId/:section.data");
    expect(routeOf("/qvzk.data")).toBe("/*.data");
    expect(routeOf("/__manifest")).toBe("/__manifest");
  });
});
