import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { Details } from "#app/components/govuk/details";
import { Input } from "#app/components/govuk/input";
import { NotificationBanner } from "#app/components/govuk/notification-banner";
import { LinkParagraph } from "#app/components/links";
import { Page } from "#app/components/story-page";
import { useTranslation } from "#app/i18n/use-translation";

type Props = {
  /** Where the code was sent. */
  email: string;
  /** Whether a new code has just been sent. */
  resent: boolean;
  /** The page to give a different address on. */
  differentAddressHref: string;
  /** A line above the heading saying what this is for, if the page has one. */
  caption?: ReactNode;
};

/**
 * "Check your email": the 6-digit code, and a new one if it did not come. The
 * same page for a resident signing in and a professional proving a work address.
 */
export function CheckEmail({ email, resent, differentAddressHref, caption }: Props) {
  const { t } = useTranslation();
  const form = useForm();
  return (
    <Page>
      <FormErrorSummary form={form} />
      {resent ? <NotificationBanner type="success">{t("signIn:code.resent", { email })}</NotificationBanner> : null}
      {caption ? <span className="govuk-caption-l">{caption}</span> : null}
      <h1 className="govuk-heading-l">{t("signIn:code.title")}</h1>
      <p className="govuk-body">{t("signIn:code.sent", { email })}</p>
      <p className="govuk-body">{t("signIn:code.expires")}</p>
      <Form method="post" noValidate>
        <Input
          {...form.field("code")}
          className="govuk-input--width-5 govuk-input--extra-letter-spacing"
          inputmode="numeric"
          autocomplete="one-time-code"
          spellcheck={false}
          label={{ children: t("signIn:code.label"), className: "govuk-label--m" }}
          hint={{ children: t("signIn:code.hint") }}
        />
        <Button>{t("signIn:code.continue")}</Button>
      </Form>
      <Details summaryText={t("signIn:code.notReceived")}>
        <p className="govuk-body">{t("signIn:code.notReceivedBody")}</p>
        <Form method="post">
          <Button className="govuk-button--secondary" name="intent" value="resend">
            {t("signIn:code.sendNew")}
          </Button>
        </Form>
        <LinkParagraph href={differentAddressHref}>{t("signIn:code.differentAddress")}</LinkParagraph>
      </Details>
    </Page>
  );
}
