/*
 * The changes app/patches/ makes to React Router and Remix, applied by `npm ci`
 * (patch-package): without them each page's request flattened, ranked and
 * compiled the whole route tree again, three times over, built Remix's route
 * objects again, and encoded every loader's data for a browser that never
 * reads it (about a quarter of a busy server's time).
 */
import { matchRoutes } from "@remix-run/router";
import { createRequestHandler, type ServerBuild } from "@remix-run/server-runtime";
import { createStaticRouter } from "react-router-dom/server";
import { describe, expect, test } from "vitest";

describe("React Router's route matching", () => {
  test("ranks a route tree once, the first time it matches an address in it", () => {
    const routes = [{ id: "story", path: "/stories/:storyId" }];
    expect(matchRoutes(routes, "/stories/1")?.map((match) => match.route.id)).toEqual(["story"]);
    // A route tree never changes once made; this one is changed only to show that it was not ranked again.
    routes.push({ id: "added", path: "/added" });
    expect(matchRoutes(routes, "/added")).toBeNull();
    expect(matchRoutes([...routes], "/added")?.map((match) => match.route.id)).toEqual(["added"]);
  });
});

describe("React Router's static router", () => {
  test("makes a route tree's data routes once, whatever page it renders", () => {
    const routes = [{ id: "root", path: "/", children: [{ id: "page", path: "page" }] }];
    const page = (pathname: string) => ({
      basename: "/",
      location: { pathname, search: "", hash: "", state: null, key: "default" },
      matches: [],
      loaderData: {},
      actionData: null,
      errors: null,
      statusCode: 200,
      loaderHeaders: {},
      actionHeaders: {},
      activeDeferreds: null,
    });
    const first = createStaticRouter(routes, page("/"));
    const second = createStaticRouter(routes, page("/page"));
    expect(second.routes).toBe(first.routes);
    expect(second.state.location.pathname).toBe("/page");
  });
});

describe("Remix's document requests", () => {
  test("encode no loader data for the browser when the entry module says no page sends it", async () => {
    const handed: unknown[] = [];
    const build = (sendsLoaderData?: boolean) =>
      ({
        mode: "production",
        entry: {
          module: {
            default: (_request: Request, status: number, headers: Headers, context: { serverHandoffStream?: ReadableStream }) => {
              handed.push(context.serverHandoffStream);
              void context.serverHandoffStream?.cancel();
              return new Response("page", { status, headers });
            },
            sendsLoaderData,
          },
        },
        routes: { root: { id: "root", path: "", module: { default: () => null, loader: () => ({ story: "the loader's data" }) } } },
        assets: { routes: { root: { id: "root", path: "", hasLoader: true, module: "" } }, entry: { module: "", imports: [] }, url: "", version: "1" },
        future: { v3_singleFetch: true },
        publicPath: "/build/",
        assetsBuildDirectory: "build",
        isSpaMode: false,
      }) as unknown as ServerBuild;
    expect((await createRequestHandler(build(false))(new Request("http://localhost/"))).status).toBe(200);
    expect((await createRequestHandler(build())(new Request("http://localhost/"))).status).toBe(200);
    expect(handed[0]).toBeUndefined();
    expect(handed[1]).toBeInstanceOf(ReadableStream);
  });
});
