import type { AppLoadContext, EntryContext, HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
// React 18.3's Node renderer (renderToPipeableStream) sends NUL bytes where a multi-byte character
// straddles the end of its 2 KB buffer (fixed only in React 19): Welsh pages, full of ’ and ŵ, are
// hit most. Its web-stream renderer encodes each piece whole, so it is the one used here.
import { renderToReadableStream } from "react-dom/server.browser";
import { languageCookie } from "#app/i18n/i18n.server";
import { importAgencyFile } from "#app/services/agency-import.server";
import { startMailWorker, stopMailWorker } from "#app/services/mail/worker.server";
import { runJobs, startJobs, stopJobs } from "#app/services/jobs.server";
import { NonceProvider } from "#app/web/nonce";
import { logServerError } from "#app/lib/log-error.server";
import { endLog, log, requestLog, routeTable } from "#app/lib/log.server";
import { env } from "#app/config/env.server";
import { isCrossSiteRequest, MAX_BODY_BYTES, securityHeaders } from "#app/config/security.server";
import { closeDatabase, countingStatements, databaseHost, prepareDatabase } from "#db/client.server";
import { copySqliteToPostgres } from "#db/copy.server";
import { seedDemoAgencies } from "#app/services/demo-agencies.server";

const ABORT_DELAY = 5_000;

/**
 * What app/http-server.js needs from inside the build. Reaching it through the
 * entry module keeps one copy of the configuration and one database connection.
 */
export const serverSupport = {
  env,
  securityHeaders,
  isCrossSiteRequest,
  MAX_BODY_BYTES,
  log,
  requestLog,
  routeTable,
  endLog,
  logServerError,
  /** Emails left pending by a previous run, and shares whose end date passed while nothing ran, are dealt with at once. */
  startBackgroundWork() {
    startMailWorker();
    startJobs();
  },
  /** Resolves once sends in progress have recorded their result. */
  async stopBackgroundWork(): Promise<void> {
    await Promise.all([stopJobs(), stopMailWorker()]);
  },
  prepareDatabase,
  closeDatabase,
  countingStatements,
  seedDemoAgencies,
  // For app/import-agencies.js and app/copy-database.js, which run this build so that they need no development tools.
  importAgencyFile,
  runJobs,
  copySqliteToPostgres,
  databaseHost,
};

/**
 * No page runs Remix in the browser, so the loaders' data is neither encoded
 * for it nor sent (nor an empty place for it after </html>): Remix reads this
 * as patched in app/patches/.
 */
export const sendsLoaderData = false;

/** Remix's report of an error in a loader, an action or a render. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (!request.signal.aborted) logServerError(error, context);
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const cookie = languageCookie(request);
  if (cookie) responseHeaders.append("Set-Cookie", cookie);

  let status = responseStatusCode;
  let shellRendered = false;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), ABORT_DELAY);
  try {
    const stream = await renderToReadableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        signal: timeout.signal,
        onError(error: unknown) {
          status = 500;
          if (shellRendered) logServerError(error, loadContext);
        },
      },
    );
    shellRendered = true;
    // Wait for everything: the status code must reflect the whole page, and there is no deferred data.
    await stream.allReady;
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    // The rendered bytes as they are: read into a string here, they would only be encoded again to be sent.
    return new Response(stream, { headers: responseHeaders, status });
  } finally {
    clearTimeout(timer);
  }
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  const cookie = languageCookie(request);
  if (cookie) response.headers.append("Set-Cookie", cookie);
  return response;
};
