/// <reference types="@remix-run/node" />

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

declare module "@remix-run/server-runtime" {
  /** Per request, from app/server.js's getLoadContext. */
  interface AppLoadContext {
    /** The nonce of this response's Content-Security-Policy. */
    cspNonce: string;
    /** Set when the server refused the request before any action ran (cross-site, oversized). */
    refusal?: 403 | 413;
    clientIp: string;
    /** Set by an action that answers with a form's mistakes (`invalid`), for the root loader in the same request. */
    formHasErrors?: boolean;
  }
}

export {};
