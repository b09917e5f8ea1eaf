/**
 * The service's log: one JSON object a line (pino), requests and notices on
 * stdout, errors on stderr. A request's line says which route answered it,
 * never the address as typed: an address can hold a share link's token, and a
 * query string anything at all. Nothing a form carried, no cookie and no
 * header is ever logged.
 */
import type { ServerBuild } from "@remix-run/node";
import pino from "pino";

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** The request's id, as in its log line and its X-Request-Id header (app/server.js). */
    requestId?: string;
    /** The route pattern that answers the address (routeTable): what the log and the audit log keep of an address. */
    route?: string;
  }
}

const LEVELS = ["debug", "info", "warn", "error"];

/** LOG_LEVEL, read here rather than in app/config because the log is a leaf that anything may import. */
function configuredLevel(value: string | undefined): string {
  if (value === undefined || value === "") return "info";
  if (LEVELS.includes(value)) return value;
  // As app/config/env.server.ts stops on a bad setting: one line, before anything listens.
  process.stderr.write(`Configuration error: LOG_LEVEL must be debug, info, warn or error (got "${value}")\n`);
  process.exit(1);
}

// Request lines are written in the background, so that a slow reader of stdout never holds a page up. Errors are
// written at once: they are rare, none is lost if the process dies straight after, and each comes before the line
// of the request it belongs to.
const lines = pino.destination({ dest: 1, sync: false });
const errors = pino.destination({ dest: 2, sync: true });

export const log = pino(
  {
    level: configuredLevel(process.env.LOG_LEVEL),
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  },
  // `dedupe`: an error goes to stderr only.
  pino.multistream(
    [
      { level: "debug", stream: lines },
      { level: "error", stream: errors },
    ],
    { dedupe: true },
  ),
);

let ending: Promise<void> | undefined;

/** Writes out every line still waiting, for the last step before the process exits. Nothing is logged after. */
export function endLog(): Promise<void> {
  ending ??= new Promise<void>((ended) => {
    log.level = "silent";
    lines.once("close", () => ended());
    lines.end();
  });
  return ending;
}

/** A request as app/server.js saw it answered, or given up on by the client. */
type AnsweredRequest = {
  requestId: string;
  /** As the client sent it: a refused request is answered as a GET (app/server.js). */
  method: string;
  /** Only for finding the route: never logged. */
  pathname: string;
  status: number;
  durationMs: number;
  /** False when the client went away before the answer was whole. */
  finished: boolean;
  /** The mount that served a static file (`/build/*`): such requests are logged at debug. */
  staticRoute?: string;
  /** The route pattern, when it was worked out already for the page (app/server.js' load context). */
  route?: string;
};

/** Logs each request answered, by the route in `routes` (the build's) that answered it. */
export function requestLog(routes: ServerBuild["routes"]): (request: AnsweredRequest) => void {
  const routeOf = routeTable(routes);
  return ({ requestId, method, pathname, status, durationMs, finished, staticRoute, route }) => {
    const level = staticRoute ? "debug" : "info";
    if (!log.isLevelEnabled(level)) return;
    const line = {
      requestId,
      method,
      route: staticRoute ?? route ?? routeOf(pathname),
      status,
      durationMs: Math.round(durationMs * 10) / 10,
      ...(finished ? {} : { aborted: true }),
    };
    log[level](line, "request");
  };
}

/** `segments`: how many a matching address has (null for a splat, which takes any number): most branches are passed over on that alone. */
type Branch = { path: string; score: number; order: number[]; matcher: RegExp; segments: number | null };

/** Segments in a path, trailing slashes aside (a route matches with or without them). */
const segmentCount = (path: string) => path.replace(/\/+$/, "").split("/").length;

/**
 * The route pattern that answers an address (`/shared/:token`, `/stories/:storyId/:section/:page`, `/*` where no page
 * is), built only from the routes' own paths, so nothing of the address is ever in it. Routes are ranked and matched
 * as React Router's matchRoutes does (the router Remix uses), which would serve here but flattens, ranks and compiles
 * the whole route table on every call: 0.3 ms, a tenth of a page. This compiles it once.
 */
export function routeTable(manifest: ServerBuild["routes"]): (pathname: string) => string {
  const routes = Object.values(manifest);
  const branches: Branch[] = [];
  const flatten = (parentId: string | undefined, parentPath: string, parentOrder: number[]) => {
    routes
      .filter((route) => route.parentId === parentId)
      .forEach((route, index) => {
        const order = [...parentOrder, index];
        for (const relative of route.path?.includes("?") ? explodeOptionalSegments(route.path) : [route.path ?? ""]) {
          const path = joinPaths(parentPath, relative);
          // Children first, as React Router lists them.
          flatten(route.id, path, order);
          if (route.path === undefined && !route.index) continue;
          // An index route's path ends in a slash ("/docs/"); it is logged without one, as the address is written.
          branches.push({
            path: path.replace(/(.)\/$/, "$1"),
            score: computeScore(path, route.index === true),
            order,
            matcher: compilePath(path),
            segments: path.endsWith("*") ? null : segmentCount(path),
          });
        }
      });
  };
  flatten(undefined, "", []);
  branches.sort((a, b) => (a.score !== b.score ? b.score - a.score : compareIndexes(a.order, b.order)));

  const match = (pathname: string) => {
    const decoded = decodePath(pathname);
    const segments = segmentCount(decoded);
    return branches.find((branch) => (branch.segments === null || branch.segments === segments) && branch.matcher.test(decoded))?.path ?? "/*";
  };
  return (pathname) => {
    // Remix's own addresses: a page's data (single fetch) and the route manifest (lazy route discovery).
    if (pathname.endsWith(".data")) {
      const route = match(pathname.slice(0, -".data".length).replace(/^\/_root$/, "/"));
      return `${route === "/" ? "/_root" : route}.data`;
    }
    if (pathname === "/__manifest") return pathname;
    return match(pathname);
  };
}

// What follows mirrors @remix-run/router's matchRoutes (flattenRoutes, explodeOptionalSegments, computeScore,
// compareIndexes, compilePath, decodePath); app/lib/log.server.test.ts holds the two to the same answers.

const joinPaths = (...paths: string[]) => paths.join("/").replace(/\/\/+/g, "/");

function explodeOptionalSegments(path: string): string[] {
  const [first, ...rest] = path.split("/");
  const isOptional = first.endsWith("?");
  const required = first.replace(/\?$/, "");
  if (rest.length === 0) return isOptional ? [required, ""] : [required];
  const restExploded = explodeOptionalSegments(rest.join("/"));
  const result = restExploded.map((subpath) => (subpath === "" ? required : [required, subpath].join("/")));
  if (isOptional) result.push(...restExploded);
  return result.map((exploded) => (path.startsWith("/") && exploded === "" ? "/" : exploded));
}

function computeScore(path: string, index: boolean): number {
  const segments = path.split("/");
  const initial = segments.length + (segments.includes("*") ? -2 : 0) + (index ? 2 : 0);
  return segments.filter((segment) => segment !== "*").reduce((score, segment) => score + (/^:[\w-]+$/.test(segment) ? 3 : segment === "" ? 1 : 10), initial);
}

/** Siblings in the order they were defined; other routes of equal score as they came. */
function compareIndexes(a: number[], b: number[]): number {
  const siblings = a.length === b.length && a.slice(0, -1).every((n, i) => n === b[i]);
  return siblings ? a[a.length - 1] - b[b.length - 1] : 0;
}

function compilePath(path: string): RegExp {
  let source =
    "^" +
    path
      .replace(/\/*\*?$/, "")
      .replace(/^\/*/, "/")
      .replace(/[\\.*+^${}|()[\]]/g, "\\$&")
      .replace(/\/:([\w-]+)/g, "/([^\\/]+)");
  if (path.endsWith("*")) source += path === "*" || path === "/*" ? "(.*)$" : "(?:\\/(.+)|\\/*)$";
  else source += "\\/*$";
  return new RegExp(source, "i");
}

function decodePath(pathname: string): string {
  try {
    return pathname
      .split("/")
      .map((segment) => decodeURIComponent(segment).replace(/\//g, "%2F"))
      .join("/");
  } catch {
    // React Router matches an address it cannot decode as it is (and prints it in a warning, which this does not).
    return pathname;
  }
}
