import { data } from "@remix-run/node";
import { pageTranslations } from "#app/i18n/i18n.server";
import type { FailureReason } from "#app/services/identity/openid.server";

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
export function providerFailurePage(request: Request, reason: FailureReason, area: "signIn" | "staff", headers?: HeadersInit) {
  const key = `${area}:provider.${failureKeys[reason]}`;
  return data({ ...pageTranslations(request, area), titleKey: `${key}.title`, failure: key }, { status: failureStatus[reason], headers });
}
