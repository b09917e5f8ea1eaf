import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Button } from "#app/components/govuk/button";
import { StaffPage } from "#app/components/staff-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { staffPaths } from "#app/paths";
import { staffSessionState } from "#app/services/staff/session.server";
import { staffSignOut } from "#app/services/staff/sign-in.server";
import { clearStaffSessionCookie, signedOutStaffSessionCookie } from "#app/web/session.server";

export const handle = { titleKey: "staff:signOut.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const state = await staffSessionState(request);
  if (!state || !("staff" in state)) throw redirect(staffPaths.signedOut);
  return pageTranslations(request, "staff");
}

export async function action({ request }: ActionFunctionArgs) {
  const state = await staffSessionState(request);
  const cookie = state && "staff" in state ? signedOutStaffSessionCookie(request, await staffSignOut(state)) : clearStaffSessionCookie();
  return redirect(staffPaths.signedOut, { headers: { "Set-Cookie": cookie } });
}

/** Signing out changes state, so it is a POST; this page is for anyone who arrives here by address. */
export default function StaffSignOut() {
  const { t } = useTranslation();
  return (
    <StaffPage heading={t("staff:signOut.title")} signedIn={false}>
      <p className="govuk-body">{t("staff:signOut.body")}</p>
      <Form method="post" reloadDocument>
        <Button>{t("staff:signOut.button")}</Button>
      </Form>
    </StaffPage>
  );
}
