import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormErrorSummary, type Form as PageForm } from "#app/components/form";
import { BackLink } from "#app/components/govuk/back-link";
import { Button } from "#app/components/govuk/button";
import { useTranslation } from "#app/i18n/use-translation";
import { staffPaths } from "#app/paths";

type Props = {
  heading: ReactNode;
  /** Where Back goes, and what it says (by default "Back"). */
  back?: { href: string; text?: string };
  /** The page's form, whose error summary comes before the heading. */
  form?: PageForm;
  /** What else comes before the heading: a banner saying what was just done, or what is wrong with a filter. */
  before?: ReactNode;
  /** Tables and charts take the whole width; forms and text two thirds. */
  wide?: boolean;
  /** Whether the page is one of a signed-in member of staff, who can sign out from it. */
  signedIn?: boolean;
  children?: ReactNode;
};

/**
 * The frame of every page of the staff area: "Staff area" above the heading,
 * and at the foot of each page a member of staff sees signed in, the way to
 * sign out (a form: signing out changes state).
 */
export function StaffPage({ heading, back, form, before, wide = false, signedIn = true, children }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {back ? <BackLink href={back.href}>{back.text}</BackLink> : null}
      <div className="govuk-grid-row">
        <div className={wide ? "govuk-grid-column-full" : "govuk-grid-column-two-thirds"}>
          {form ? <FormErrorSummary form={form} /> : null}
          {before}
          <span className="govuk-caption-l">{t("staff:caption")}</span>
          <h1 className="govuk-heading-l">{heading}</h1>
          {children}
        </div>
      </div>
      {signedIn ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <hr className="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
            <Form method="post" action={staffPaths.signOut} reloadDocument>
              <Button className="govuk-button--secondary">{t("staff:signOut.button")}</Button>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
