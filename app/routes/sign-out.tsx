import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Button } from "#app/components/govuk/button";
import { Page } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { oneLoginOffered, oneLoginSignOutUrl } from "#app/services/one-login.server";
import { signOut } from "#app/services/sign-in.server";
import { clearSessionCookie, signedIn, signedOutSessionCookie } from "#app/web/session.server";

export const handle = { titleKey: "signIn:signOut.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await signedIn(request))) throw redirect("/signed-out");
  return pageTranslations(request, "signIn");
}

/** Ends the session here and, for one begun with GOV.UK One Login, sends the person to end it there too, which brings them back to /signed-out. */
export async function action({ request }: ActionFunctionArgs) {
  const session = await signedIn(request);
  if (!session) return redirect("/signed-out", { headers: { "Set-Cookie": clearSessionCookie() } });
  const ended = await signOut(session);
  const oneLogin = ended.oneLoginIdToken && oneLoginOffered() ? await oneLoginSignOutUrl(ended.oneLoginIdToken) : null;
  return redirect(oneLogin ?? "/signed-out", { headers: { "Set-Cookie": signedOutSessionCookie(request, ended.keptUntil) } });
}

/** Signing out changes state, so it is a POST; this page is for anyone who arrives here by address. */
export default function SignOut() {
  const { t } = useTranslation();
  return (
    <Page heading={t("signIn:signOut.title")}>
      <p className="govuk-body">{t("signIn:signOut.body")}</p>
      <Form method="post">
        <Button>{t("signIn:signOut.button")}</Button>
      </Form>
    </Page>
  );
}
