// @ts-check
/**
 * The HTTP server (one per worker, app/server.js): a log line for every
 * request, security headers on every response, refusal of cross-site and
 * oversized requests before any action runs, static files, and Remix, with a
 * few pages worked on at once and the rest waiting their turn.
 */
import cluster from "node:cluster";
import { randomBytes, randomUUID } from "node:crypto";
// The adapter's own two halves (its index exports only the handler that joins them), to give Remix a body read already.
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { pagesInTurn } from "./web/pages-in-turn.js";

// Importing the build validates the configuration (exiting with one line per
// bad setting) and creates and migrates the database, before anything listens.
/** @type {import("@remix-run/node").ServerBuild} */
const build = await import(/* @vite-ignore */ "../build/index.js");
/** @type {typeof import("./entry.server").serverSupport} */
const support = build.entry.module.serverSupport;
const { env, log } = support;

const https = env.PUBLIC_URL.startsWith("https:");
// A single server, or the worker app/server.js gives the database and the background work to.
const first = !cluster.isWorker || process.env.WORKER_ROLE === "first";

if (first) {
  await support.prepareDatabase();
  // The demo needs agencies to share with. A live service (https) never gets the made-up ones, and a
  // database that already has agencies (a council's own list) is left as it is.
  if (!https) await support.seedDemoAgencies();
}
const app = express();
app.disable("x-powered-by");
// Believe X-Forwarded-For only from the proxies TRUST_PROXY names (by default one on this machine or a private
// network: a load balancer), so a client cannot pick its own address to dodge the rate limits or spend another's.
app.set("trust proxy", env.TRUST_PROXY);

const logRequest = support.requestLog(build.routes);
const routeOf = support.routeTable(build.routes);
app.use((req, res, next) => {
  const started = performance.now();
  // Ours, never one the client sent: a line must be found by what the service gave out.
  const requestId = randomUUID();
  // Before a refused request is turned into a GET, below.
  const { method, path } = req;
  res.locals.requestId = requestId;
  res.set("X-Request-Id", requestId);
  res.once("close", () =>
    logRequest({
      requestId,
      method,
      pathname: path,
      status: res.statusCode,
      durationMs: performance.now() - started,
      finished: res.writableFinished,
      staticRoute: res.locals.staticRoute,
      route: res.locals.route,
    }),
  );
  next();
});
app.use(compression());

app.use((req, res, next) => {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.set(support.securityHeaders({ nonce, https }));
  res.set("Cache-Control", "no-store");

  // Refused requests are answered by the app as a GET of the same page, so the
  // person sees a proper page in their language and no action ever runs.
  const crossSite = support.isCrossSiteRequest({
    method: req.method,
    origin: req.get("origin"),
    secFetchSite: req.get("sec-fetch-site"),
    host: req.get("host"),
    publicUrl: env.PUBLIC_URL,
  });
  // Browsers always say how long a form is; a body of unstated length could be any size, so it is refused too.
  const unstatedLength = req.get("transfer-encoding") !== undefined && req.get("content-length") === undefined;
  const tooLarge = unstatedLength || Number(req.get("content-length") ?? 0) > support.MAX_BODY_BYTES;
  if (crossSite || tooLarge) {
    res.locals.refusal = crossSite ? 403 : 413;
    req.method = "GET";
    // Stop reading whatever body was sent; the connection closes after the reply.
    res.set("Connection", "close");
  } else {
    // The check above decides. Remix repeats it by comparing Origin with Host, which fails for the
    // "Origin: null" browsers send under Referrer-Policy: no-referrer and behind proxies that pass
    // their own Host, so it is given nothing to compare.
    delete req.headers.origin;
  }
  // A page may answer without reading a body it did not need; drain it so the connection can be reused.
  res.on("finish", () => {
    if (!req.complete) {
      req.removeAllListeners("data");
      req.resume();
    }
  });
  next();
});

const yearInSeconds = 60 * 60 * 24 * 365;
/**
 * Cached for `seconds`, and logged at debug level by `route`, the files' mount: never by the address asked for,
 * which can hold anything that resolves to the file (`/assets/anything/../application.css`).
 * @param {string} route
 * @param {number} seconds
 */
function staticFile(route, seconds) {
  /** @param {import("express").Response} res */
  return (res) => {
    res.locals.staticRoute = route;
    res.set("Cache-Control", `public, max-age=${seconds}${seconds === yearInSeconds ? ", immutable" : ""}`);
  };
}
// Remix's bundles have content hashes in their names; our stylesheet is linked with a content fingerprint.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", setHeaders: staticFile("/build/*", yearInSeconds) }));
app.use("/assets", express.static("public/assets", { setHeaders: staticFile("/assets/*", yearInSeconds) }));
// The two files at the root are named, so that no page request looks for a file first.
for (const file of ["favicon.svg", "robots.txt"]) {
  app.get(`/${file}`, (_req, res) => {
    res.locals.staticRoute = `/${file}`;
    res.sendFile(file, { root: "public", headers: { "Cache-Control": "public, max-age=86400" } });
  });
}
app.get("/favicon.ico", (_req, res) => {
  res.locals.staticRoute = "/favicon.ico";
  res.redirect(301, "/favicon.svg");
});

/**
 * Pages worked on at once. More only share the same cores, each holding its page's memory meanwhile: at 200
 * connections a process grew past 250 MB and requests waited 10 s, as every page advanced a little at a time.
 */
const PAGES_AT_ONCE = 16;
/** Requests waiting their turn beyond which one is told the service is busy: about a second's work for a worker. */
const WAITING_AT_MOST = 500;

const remix = createRequestHandler(build, env.NODE_ENV);

/**
 * The request as Remix takes it, made as @remix-run/express makes it, but for
 * a body read already (`bodyBeforeTurn`), which it is given whole.
 * @param {import("express").Request} req
 * @param {import("express").Response} res
 */
function remixRequest(req, res) {
  /** @type {Buffer | undefined} */
  const body = res.locals.body;
  if (body === undefined) return createRemixRequest(req, res);
  const { method } = req;
  // As a GET, the adapter leaves the body alone (its stream has ended); the request then takes the one read.
  req.method = "GET";
  try {
    return new Request(createRemixRequest(req, res), { method, body });
  } finally {
    req.method = method;
  }
}

/** @type {import("express").RequestHandler} */
async function handleWithRemix(req, res, next) {
  try {
    const response = await remix(remixRequest(req, res), {
      // Worked out once, for the audit log of a refused request and for the request's log line.
      route: (res.locals.route = routeOf(req.path)),
      cspNonce: res.locals.cspNonce,
      refusal: res.locals.refusal,
      clientIp: req.ip ?? "unknown",
      requestId: res.locals.requestId,
    });
    await sendRemixResponse(res, response);
  } catch (error) {
    next(error);
  }
}

/**
 * A form's body, read whole before its request waits for one of PAGES_AT_ONCE: a client sending it slowly (a bad
 * connection, or on purpose) then holds only its connection, never a page slot. Its length is stated and at most
 * MAX_BODY_BYTES: anything else was refused above, and is answered as a GET.
 * @type {import("express").RequestHandler}
 */
function bodyBeforeTurn(req, res, next) {
  if (req.method === "GET" || req.method === "HEAD") return next();
  /** @type {Buffer[]} */
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.once("end", () => {
    res.locals.body = Buffer.concat(chunks);
    next();
  });
}

const inTurn = pagesInTurn(PAGES_AT_ONCE, WAITING_AT_MOST);
app.use(bodyBeforeTurn);
// The load balancer's health check goes straight to the database, whatever the queue: a busy worker is not a broken one.
app.use((req, res, next) => (req.path === "/healthz" ? next() : inTurn(req, res, next)));
// Ten seconds after the last page of a busy spell, a full collection: V8 keeps the heap a spell grew, garbage and
// all, until it next needs room (a worker stayed at 160 MB a minute after 200 connections), where this gives it
// back. Only where the worker is started with --expose-gc, as app/server.js starts workers.
if (typeof globalThis.gc === "function") {
  const collectWhenQuiet = setTimeout(() => globalThis.gc?.(), 10_000).unref();
  app.use((_req, _res, next) => {
    collectWhenQuiet.refresh();
    next();
  });
}

if (env.SERVER_TIMING === "on") {
  // How many SQL statements the page cost, for the benchmark. Off by default: the count differs between a story
  // that exists and one that does not, so it would tell anyone who asks.
  app.all("*", (req, res, next) => {
    const counter = { count: 0 };
    const writeHead = res.writeHead;
    res.writeHead = /** @type {typeof res.writeHead} */ (
      function (/** @type {any[]} */ ...args) {
        res.setHeader("Server-Timing", `db;desc="${counter.count} SQL statements"`);
        return writeHead.apply(res, /** @type {Parameters<typeof writeHead>} */ (args));
      }
    );
    support.countingStatements(counter, () => handleWithRemix(req, res, next));
  });
} else {
  app.all("*", handleWithRemix);
}

// Requests too broken for the app to read (a malformed Host header, say) get a plain answer, never a stack trace.
app.use(
  /** @type {import("express").ErrorRequestHandler} */
  (error, _req, res, _next) => {
    const status = error instanceof TypeError || error instanceof URIError ? 400 : 500;
    if (status === 500) support.logServerError(error, res.locals);
    res
      .status(status)
      .type("text/plain")
      .send(status === 400 ? "Bad request" : "Sorry, there is a problem with the service");
  },
);

const server = app.listen(env.PORT, () => {
  log.info(
    { port: env.PORT, publicUrl: env.PUBLIC_URL, mailTransport: env.MAIL_TRANSPORT },
    `${env.SERVICE_NAME} is listening on port ${env.PORT} (${env.PUBLIC_URL}), mail transport: ${env.MAIL_TRANSPORT}`,
  );
  if (first) support.startBackgroundWork();
});

// A request must arrive whole within a minute (Node waits five): a form arriving ever so slowly holds its connection
// (never a page slot: bodyBeforeTurn) for a minute at most.
server.requestTimeout = 60_000;
server.headersTimeout = 20_000;

let exiting = false;
/** @param {string} message the log's last line, written out with every line before it */
function exit(message) {
  if (exiting) return;
  exiting = true;
  log.info(message);
  void support.endLog().finally(() => process.exit(0));
  // A reader of stdout that has stopped reading must not keep the process from ending.
  setTimeout(() => process.exit(0), 1_000).unref();
}

let stopping = false;
function shutdown() {
  // Ctrl-C signals the primary and every worker, and the primary then asks each worker to stop as well: stop once.
  if (stopping) return;
  stopping = true;
  log.info("stopping");
  // Let sends in progress record their result; one cut off by the deadline below is sent again after its lease.
  const backgroundStopped = support.stopBackgroundWork();
  server.close(() => {
    void backgroundStopped.finally(() => support.closeDatabase()).finally(() => exit("stopped"));
  });
  server.closeIdleConnections();
  // Browsers keep sockets open; do not wait for them for long.
  setTimeout(() => exit("stopped without waiting for open connections"), 3_000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
