import { env } from "#app/config/env.server";
import type { Language } from "#app/i18n/i18n";
import { recordAuditEvent } from "#app/models/audit.server";
import { createStaffSession } from "#app/models/staff-session.server";
import { beginProviderSignIn, finishProviderSignIn, recordProviderFailure } from "#app/services/identity/provider-sign-in.server";
import type { ProviderAnswer, ProviderFailure } from "#app/services/identity/provider-sign-in.server";
import { normaliseEmail } from "#app/services/sign-in.server";
import { db } from "#db/client.server";
import { staffReference, staffReturnTo } from "./sign-in.server";

/*
 * The staff area signed in to with the council's own identity provider
 * (Microsoft Entra ID, Google Workspace, any OpenID provider) instead of
 * emailed codes, when STAFF_OIDC_* is set: who may come in is STAFF_OIDC_ALLOWED.
 */

export const staffProviderConfigured = () => env.staffProvider !== null;

/**
 * The address a member of staff signs in as, if the ID token's claims are let
 * in by STAFF_OIDC_ALLOWED (`allowed`): an entry "@domain" lets in every
 * address there, an address itself, "group:NAME" anyone whose `groups` claim
 * names it. An address the provider says is not verified is never let in.
 */
export function allowedStaffAddress(claims: Record<string, unknown>, allowed: readonly string[]): string | null {
  // Entra ID gives the work address as preferred_username when the email claim is not set up.
  const claimed = typeof claims.email === "string" ? claims.email : typeof claims.preferred_username === "string" ? claims.preferred_username : "";
  const email = normaliseEmail(claimed);
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || claims.email_verified === false) return null;
  const groups = Array.isArray(claims.groups) ? claims.groups.filter((group) => typeof group === "string") : [];
  const letIn = allowed.some((entry) =>
    entry.startsWith("group:") ? groups.includes(entry.slice("group:".length)) : entry.startsWith("@") ? email.endsWith(entry) : email === entry,
  );
  return letIn ? email : null;
}

export async function beginStaffProviderSignIn(input: { returnTo: string | null; language: Language; ip: string }) {
  return await beginProviderSignIn("staff", {
    returnTo: staffReturnTo(input.returnTo),
    language: input.language,
    ip: input.ip,
    parameters: { scope: "openid email profile" },
  });
}

type Outcome = { ok: true; sessionToken: string; returnTo: string } | ProviderFailure;

/** Back from the council's provider: the answer and ID token checked (finishProviderSignIn), then a short staff session for an address STAFF_OIDC_ALLOWED lets in. */
export async function finishStaffProviderSignIn(input: ProviderAnswer): Promise<Outcome> {
  const now = input.now ?? new Date();
  const answer = await finishProviderSignIn("staff", input);
  if (!answer.ok) return answer;
  const email = allowedStaffAddress(answer.claims, env.staffProvider?.allowed ?? []);
  if (!email) return await recordProviderFailure("staff", "not-allowed", "not_allowed");
  return await db.transaction(async (tx): Promise<Outcome> => {
    const sessionToken = await createStaffSession(tx, email, now, "provider");
    await recordAuditEvent("staff_signed_in", { staff: staffReference(email), with: "provider" }, tx);
    return { ok: true, sessionToken, returnTo: staffReturnTo(answer.returnTo) ?? "/staff" };
  });
}
