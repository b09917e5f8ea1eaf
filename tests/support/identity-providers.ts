/**
 * Real OpenID providers on 127.0.0.1 (oidc-provider), started by the tests
 * beside the built portal: one configured the way GOV.UK One Login behaves
 * (private_key_jwt, PKCE required, `vtr` asked and `vot` in the ID token,
 * `ui_locales`, the email only from userinfo, end-session and back-channel
 * logout), one the way a council's staff directory does (a client secret,
 * email and groups in the ID token). Nothing here reaches the real One Login.
 *
 * Their login and consent pages are not the portal's: each sign-in is
 * answered at once for the account the test names (`signInAs`), so a journey
 * passes through the provider as a person who is already signed in there
 * would. A test can make the provider misbehave as a real one might: cancel,
 * answer slowly or not at all, or send an ID token with a wrong nonce, a wrong
 * key, another audience or an expiry passed.
 */
import { generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, SignJWT } from "jose";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import type { BrowserSession } from "#tests/support/browser";
import { CookieJar } from "#tests/support/http-client";
import { startServerWithMail, type ServerWithMail } from "#tests/support/sign-in";

export type TestAccount = { sub: string; email: string; emailVerified?: boolean; vot?: string; groups?: string[] };

/** What a provider is told to do wrong with the next ID token it issues. */
export type Tampering = "nonce" | "key" | "expired" | "audience";

export type TestProvider = {
  issuer: string;
  /** The next sign-in is answered for this account. */
  signInAs(account: TestAccount): void;
  /** The next sign-in is answered as a person pressing cancel: access_denied. */
  cancelNext(): void;
  /** The next ID token is signed again, wrong in the way said. */
  tamperNext(tampering: Tampering): void;
  /** While true, the token endpoint does not answer (the portal gives up after a few seconds); false lets it answer again. */
  hang(hanging: boolean): void;
  /** While true, every connection to the provider is cut at once, as a provider down. */
  down(isDown: boolean): void;
  /** The query of each authorisation request the provider received, in order. */
  authorisations: URLSearchParams[];
  /** A logout token as the provider signs one for back-channel logout (`key: "wrong"`, signed with another key; `claims`, any to change). */
  logoutToken(sub: string, options?: { key?: "wrong"; claims?: Record<string, unknown> }): Promise<string>;
  /**
   * Follows the provider's redirects from `location` as `browser` would (keeping
   * its own cookies at the provider for that browser) until they come back to
   * the portal: the path and query they come back to.
   */
  through(browser: object, location: string): Promise<string>;
  /** The provider's "sign out" confirmed, as the person does on its page after being sent there: where it sends them next. */
  confirmSignOut(browser: object, location: string): Promise<string>;
  close(): Promise<void>;
};

export const ONE_LOGIN_CLIENT = "tell-it-once-one-login";
const STAFF_CLIENT = "tell-it-once-staff";
const STAFF_SECRET = "a-client-secret-only-the-tests-know";

type Keys = { privateKey: KeyObject; publicKey: KeyObject };
const ecKeys = (): Keys => generateKeyPairSync("ec", { namedCurve: "P-256" });

async function listening(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return server;
}

const issuerOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** Pages of the provider's own, plain: not the portal's, so not held to its standards. */
function plainPage(title: string, body = ""): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
}

/**
 * One provider on `server` for one client of the portal at `portal`. The
 * provider signs with its own EC key; `client` says how the portal is registered.
 */
function startProvider(
  server: Server,
  portal: string,
  client: Record<string, unknown>,
  options: { claims: Configuration["claims"]; conformIdTokenClaims: boolean; extraParams?: string[] },
): TestProvider {
  const issuer = issuerOf(server);
  const signing = ecKeys();
  const rogue = ecKeys();
  const kid = randomUUID();
  const accounts = new Map<string, TestAccount>();
  let next: TestAccount | undefined;
  let cancel = false;
  let tampering: Tampering | undefined;
  let hanging = false;
  let isDown = false;
  const authorisations: URLSearchParams[] = [];
  const jars = new WeakMap<object, CookieJar>();
  const jarOf = (browser: object) => {
    let jar = jars.get(browser);
    if (!jar) jars.set(browser, (jar = new CookieJar()));
    return jar;
  };

  const provider = new Provider(issuer, {
    clients: [client as never],
    jwks: { keys: [{ ...signing.privateKey.export({ format: "jwk" }), kid, alg: "ES256", use: "sig" } as never] },
    pkce: { required: () => true },
    cookies: { keys: ["a-cookie-key-only-the-tests-know"] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 3600, Interaction: 600, Session: 3600 },
    claims: options.claims,
    conformIdTokenClaims: options.conformIdTokenClaims,
    extraParams: options.extraParams ?? [],
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = plainPage("Sign out", `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = plainPage("Signed out");
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          vot: account.vot ?? "Cl.Cm",
          groups: account.groups ?? [],
        }),
      };
    },
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = plainPage("Error", `<p>${String(out.error)}</p>`);
    },
  });

  provider.use(async (ctx: KoaContextWithOIDC, proceed: () => Promise<void>) => {
    if (isDown) {
      ctx.req.socket.destroy();
      return;
    }
    if (ctx.path.startsWith("/interaction/")) {
      await interaction(ctx);
      return;
    }
    if (ctx.path === "/token" && hanging) {
      // Answers nothing while hanging, then drops the connection: the portal has given up by then.
      while (hanging) await new Promise((tick) => setTimeout(tick, 50));
      ctx.req.socket.destroy();
      return;
    }
    await proceed();
    if (ctx.path === "/token" && tampering && ctx.status === 200) {
      const body = ctx.body as { id_token: string };
      body.id_token = await tamper(body.id_token, tampering);
      tampering = undefined;
    }
  });

  async function interaction(ctx: KoaContextWithOIDC) {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    let result: Parameters<typeof provider.interactionResult>[2];
    if (cancel) {
      cancel = false;
      result = { error: "access_denied", error_description: "The person pressed cancel" };
    } else if (details.prompt.name === "login") {
      authorisations.push(new URLSearchParams(details.params as Record<string, string>));
      const account = next;
      if (!account) throw new Error("no account to sign in as: call signInAs first");
      accounts.set(account.sub, account);
      result = { login: { accountId: account.sub } };
    } else {
      const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
      grant.addOIDCScope(details.params.scope as string);
      result = { consent: { grantId: await grant.save() } };
    }
    const to = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
    ctx.status = 303;
    ctx.redirect(to);
  }

  async function tamper(idToken: string, how: Tampering): Promise<string> {
    const claims = decodeJwt(idToken);
    const now = Math.floor(Date.now() / 1000);
    if (how === "nonce") claims.nonce = "a-nonce-this-sign-in-never-sent";
    if (how === "audience") claims.aud = "another-client";
    if (how === "expired") Object.assign(claims, { iat: now - 3600, exp: now - 600 });
    const key = how === "key" ? rogue.privateKey : signing.privateKey;
    return await new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid }).sign(key);
  }

  server.on("request", provider.callback());

  /** One request to the provider as `browser`, keeping its cookies there. */
  async function request(browser: object, url: string, init: RequestInit = {}): Promise<Response> {
    const jar = jarOf(browser);
    const response = await fetch(url, { redirect: "manual", ...init, headers: { ...(init.headers as Record<string, string>), Cookie: jar.header } });
    jar.take(response.headers);
    return response;
  }

  async function follow(browser: object, location: string): Promise<string> {
    let at = location;
    while (!at.startsWith(portal)) {
      const response = await request(browser, at);
      const to = response.headers.get("location");
      if (!to) throw new Error(`the provider answered ${response.status} at ${at}: ${await response.text()}`);
      at = new URL(to, at).href;
    }
    return at.slice(portal.length);
  }

  return {
    issuer,
    signInAs: (account) => void (next = account),
    cancelNext: () => void (cancel = true),
    tamperNext: (how) => void (tampering = how),
    hang: (value) => void (hanging = value),
    down: (value) => void (isDown = value),
    authorisations,
    async logoutToken(sub, { key, claims = {} } = {}) {
      const now = Math.floor(Date.now() / 1000);
      const standard = { iss: issuer, aud: client.client_id as string, sub, iat: now, exp: now + 120, jti: randomUUID() };
      return await new SignJWT({ ...standard, events: { "http://schemas.openid.net/event/backchannel-logout": {} }, ...claims })
        .setProtectedHeader({ alg: "ES256", kid, typ: "logout+jwt" })
        .sign(key === "wrong" ? rogue.privateKey : signing.privateKey);
    },
    through: follow,
    async confirmSignOut(browser, location) {
      const page = await request(browser, location);
      const html = await page.text();
      const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
      const xsrf = html.match(/name="xsrf" value="([^"]+)"/)?.[1];
      if (!action || !xsrf) throw new Error(`the provider's sign-out page has no form: ${html}`);
      const confirmed = await request(browser, new URL(action, location).href, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ xsrf, logout: "yes" }).toString(),
      });
      return new URL(confirmed.headers.get("location")!, location).href;
    },
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
}

/**
 * In a real browser: opens the portal's page `signInPage`, presses its button
 * `button`, which goes to the provider, and follows the provider's answer back
 * to the portal. Gives the path it ends on.
 */
export async function signInThroughProvider(browser: BrowserSession, signInPage: string, button: string): Promise<string> {
  await browser.visit(signInPage);
  await browser.navigate(() => browser.page.getByRole("main").getByRole("button", { name: button }).click());
  return new URL(browser.page.url()).pathname;
}

export type ServerWithProviders = ServerWithMail & { oneLogin: TestProvider; staffDirectory: TestProvider };

/**
 * The built portal with both providers: GOV.UK One Login for residents (a key
 * pair made for the run, its private half in ONE_LOGIN_PRIVATE_KEY) and, unless
 * `staffAllowed` is null, the staff directory for the staff area, letting in
 * `staffAllowed` (STAFF_OIDC_ALLOWED); `env`, any other settings.
 */
export async function startServerWithProviders({
  staffAllowed = "@council.example.org",
  env = {},
}: { staffAllowed?: string | null; env?: Record<string, string> } = {}): Promise<ServerWithProviders> {
  const oneLoginServer = await listening();
  const staffServer = await listening();
  const clientKeys = ecKeys();
  const portal = await startServerWithMail({
    ONE_LOGIN_ISSUER: `${issuerOf(oneLoginServer)}/`,
    ONE_LOGIN_CLIENT_ID: ONE_LOGIN_CLIENT,
    ONE_LOGIN_PRIVATE_KEY: clientKeys.privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    ...(staffAllowed === null
      ? {}
      : {
          STAFF_OIDC_ISSUER: issuerOf(staffServer),
          STAFF_OIDC_CLIENT_ID: STAFF_CLIENT,
          STAFF_OIDC_CLIENT_SECRET: STAFF_SECRET,
          STAFF_OIDC_ALLOWED: staffAllowed,
        }),
    ...env,
  });
  const oneLogin = startProvider(
    oneLoginServer,
    portal.url,
    {
      client_id: ONE_LOGIN_CLIENT,
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: "ES256",
      jwks: { keys: [{ ...clientKeys.publicKey.export({ format: "jwk" }), alg: "ES256", use: "sig" }] },
      id_token_signed_response_alg: "ES256",
      redirect_uris: [`${portal.url}/sign-in/one-login/callback`],
      post_logout_redirect_uris: [`${portal.url}/signed-out`],
      backchannel_logout_uri: `${portal.url}/sign-out/back-channel`,
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
    // As One Login: `vot` in the ID token, the address only at the userinfo endpoint.
    { claims: { openid: ["sub", "vot"], email: ["email", "email_verified"] }, conformIdTokenClaims: true, extraParams: ["vtr"] },
  );
  const staffDirectory = startProvider(
    staffServer,
    portal.url,
    {
      client_id: STAFF_CLIENT,
      client_secret: STAFF_SECRET,
      token_endpoint_auth_method: "client_secret_post",
      id_token_signed_response_alg: "ES256",
      redirect_uris: [`${portal.url}/staff/sign-in/callback`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
    // As Entra ID or Google: the address and groups in the ID token itself.
    { claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["groups"] }, conformIdTokenClaims: false },
  );
  return {
    ...portal,
    oneLogin,
    staffDirectory,
    stop: async () => {
      await portal.stop();
      await oneLogin.close();
      await staffDirectory.close();
    },
  };
}
