import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CheckEmail } from "#app/components/check-email";
import { useMarkParts } from "#app/components/language-of-parts";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { agencyName } from "#app/models/agency.server";
import { sharedStoryPath } from "#app/paths";
import { requireSharedAccess } from "#app/web/guards.server";
import { pendingAccessEmail, requestAccessCode, verifyAccessCode } from "#app/services/sharing/shared-story.server";
import { codeFailureMessage, codeForm, codeRefusedMessage } from "#app/services/sign-in-forms.server";
import { invalid, readForm, validateForm } from "#app/web/form.server";

export const handle = { titleKey: "signIn:code.title" };

/** This browser's access, with the address a code is waiting for; without one, back to the address page. */
async function requirePendingCode(request: Request, shareId: string | undefined) {
  const found = await requireSharedAccess(request, shareId, languageFor(request));
  if (found.state === "verified") throw redirect(sharedStoryPath(found.share.id, "summary"));
  const email = await pendingAccessEmail(found);
  if (!email) throw redirect(sharedStoryPath(found.share.id, "email"));
  return { found, email };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found, email } = await requirePendingCode(request, params.shareId);
  return { ...pageTranslations(request, "shared", "signIn"), email, agency: agencyName(found.agency, found.lang), shareId: found.share.id };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { found, email } = await requirePendingCode(request, params.shareId);
  const form = await readForm(request);
  const ip = context.clientIp;

  if (form.get("intent") === "resend") {
    const sent = await requestAccessCode(found, email, ip);
    if (!sent.ok) {
      // The agency's domains may have changed since the first code: ask for the address again.
      if (sent.reason === "wrong-domain") throw redirect(sharedStoryPath(found.share.id, "email"));
      return invalid(context, { errors: [{ field: "code", message: codeRefusedMessage(sent.reason) }], values: {} }, 429);
    }
    return { resent: true };
  }

  const result = validateForm(codeForm, form);
  if (!result.ok) return invalid(context, result);
  const verified = await verifyAccessCode(found, result.data.code, ip);
  if (!verified.ok) {
    const status = verified.reason === "too-many-from-ip" ? 429 : 400;
    return invalid(context, { errors: [{ field: "code", message: codeFailureMessage(verified.reason) }], values: result.values }, status);
  }
  return redirect(sharedStoryPath(found.share.id, "summary"), { headers: { "Set-Cookie": verified.cookie } });
}

export default function CheckWorkEmail() {
  const { t } = useTranslation();
  const { email, agency, shareId } = useLoaderData<typeof loader>();
  const mark = useMarkParts();
  const answer = useActionData<typeof action>();
  return (
    <CheckEmail
      email={email}
      resent={answer !== undefined && "resent" in answer}
      differentAddressHref={sharedStoryPath(shareId, "email")}
      caption={mark(t("shared:caption", { agency: agency.text }), agency)}
    />
  );
}
