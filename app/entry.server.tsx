import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { languageCookie } from "#app/i18n/i18n.server";
import { importAgencyFile } from "#app/services/agency-import.server";
import { startMailWorker, stopMailWorker } from "#app/services/mail/worker.server";
import { startShareSweep, stopShareSweep } from "#app/services/share-ending.server";
import { NonceProvider } from "#app/utils/nonce";
import { env } from "#app/utils/env.server";
import { isCrossSiteRequest, MAX_BODY_BYTES, securityHeaders } from "#app/utils/security.server";
import { countingStatements, sqlite } from "#db/client.server";
import { seedDemoAgencies } from "#db/seed";

const ABORT_DELAY = 5_000;

/**
 * What app/server.js needs from inside the build. Reaching it through the
 * entry module keeps one copy of the configuration and one database connection.
 */
export const serverSupport = {
  env,
  securityHeaders,
  isCrossSiteRequest,
  MAX_BODY_BYTES,
  startMailWorker,
  stopMailWorker,
  startShareSweep,
  stopShareSweep,
  closeDatabase: () => sqlite.close(),
  countingStatements,
  seedDemoAgencies,
  // For db/import-agencies.js, which runs this build so that it needs no development tools.
  importAgencyFile,
};

export type RequestContext = AppLoadContext & { cspNonce: string; refusal?: 403 | 413; clientIp: string };

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as RequestContext).cspNonce;
  const cookie = languageCookie(request);
  if (cookie) responseHeaders.append("Set-Cookie", cookie);

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        // Wait for everything: the status code must reflect the whole page, and there is no deferred data.
        onAllReady() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  const cookie = languageCookie(request);
  if (cookie) response.headers.append("Set-Cookie", cookie);
  return response;
};
