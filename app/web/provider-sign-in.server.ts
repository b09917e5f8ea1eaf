/*
 * The two ends of a sign-in through an identity provider (GOV.UK One Login for
 * residents, the council's own for staff), as the pages answer them: off to
 * the provider with the sign-in's cookie, and back, signed in or shown why not.
 */
import { data, redirect } from "@remix-run/node";
import { pageTranslations } from "#app/i18n/i18n.server";
import type { ProviderName as Provider } from "#app/models/provider-sign-in.server";
import type { FailureReason } from "#app/services/identity/openid.server";
import { PROVIDER_SIGN_IN_MINUTES, type ProviderFailure } from "#app/services/identity/provider-sign-in.server";
import { refusal } from "#app/web/layout.server";
import { clearProviderSignInCookie, providerSignInCookie, providerSignInToken } from "#app/web/session.server";

/** Whose words a provider's pages are told in. */
const area = { "one-login": "signIn", staff: "staff" } as const;

/** The words each failure is told in (signIn:provider.* or staff:provider.*): a bad state and a failed check read alike. */
const failureKeys: Record<FailureReason, string> = {
  cancelled: "cancelled",
  "no-sign-in": "refused",
  refused: "refused",
  unreachable: "unreachable",
  "low-confidence": "lowConfidence",
  "unverified-email": "unverifiedEmail",
  "not-allowed": "notAllowed",
  "too-many-from-ip": "tooMany",
};

/** Cancelling is the person's own choice; a provider out of reach is a service unavailable; too many sign-ins begun is a limit; anything else a refused sign-in. */
const failureStatus: Record<FailureReason, number> = {
  cancelled: 200,
  "no-sign-in": 400,
  refused: 400,
  unreachable: 503,
  "low-confidence": 403,
  "unverified-email": 403,
  "not-allowed": 403,
  "too-many-from-ip": 429,
};

/**
 * The page for a sign-in through a provider that did not sign anyone in, in
 * the reader's language, with the status that says why; `headers`, such as the
 * cookie of the sign-in, now spent.
 */
function providerFailurePage(request: Request, provider: Provider, reason: FailureReason, headers?: HeadersInit) {
  const key = `${area[provider]}:provider.${failureKeys[reason]}`;
  return data({ ...pageTranslations(request, area[provider]), titleKey: `${key}.title`, failure: key }, { status: failureStatus[reason], headers });
}

/**
 * Off to the provider by a redirect (never a form, so the page's form-action
 * stays this site), with the sign-in's cookie; or the page saying why it could
 * not `begin`. Only a page opened in the browser's window begins a sign-in: an
 * image, script or frame on another site pointing here would otherwise spend
 * the allowance of sign-ins begun from everyone's connection at once.
 */
export async function toProvider(request: Request, provider: Provider, begin: () => Promise<{ ok: true; token: string; url: string } | ProviderFailure>) {
  const destination = request.headers.get("Sec-Fetch-Dest");
  if (destination !== null && destination !== "document") throw await refusal(request, 404);
  const begun = await begin();
  if (!begun.ok) return providerFailurePage(request, provider, begun.reason);
  throw redirect(begun.url, { headers: { "Set-Cookie": providerSignInCookie(provider, begun.token, PROVIDER_SIGN_IN_MINUTES) } });
}

/** What the provider sent the person back with: the sign-in's cookie and the callback's query, from `ip`. */
export const providerAnswer = (request: Request, provider: Provider, ip: string) => ({
  token: providerSignInToken(request, provider),
  search: new URL(request.url).search,
  ip,
});

/**
 * Back from the provider: signed in (the session's cookie `sessionCookie`
 * gives) and on to `to`, or the page saying why not. Either way the sign-in's
 * cookie is spent.
 */
export function fromProvider<Signed extends { ok: true }>(
  request: Request,
  provider: Provider,
  outcome: Signed | ProviderFailure,
  signedIn: (signed: Signed) => { sessionCookie: string; to: string },
) {
  const headers = new Headers({ "Set-Cookie": clearProviderSignInCookie(provider) });
  if (!outcome.ok) return providerFailurePage(request, provider, outcome.reason, headers);
  const { sessionCookie, to } = signedIn(outcome);
  headers.append("Set-Cookie", sessionCookie);
  throw redirect(to, { headers });
}
