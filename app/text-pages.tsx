import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LinkParagraph } from "#app/components/links";
import { StaffPage } from "#app/components/staff-page";
import { Page } from "#app/components/story-page";
import type { Namespace } from "#app/i18n/i18n";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { staffPaths } from "#app/paths";
import { noFormHere, refusal } from "#app/web/layout.server";

export const action = noFormHere;

/** A page of text alone, by its strings' keys: where someone lands at the end of something. */
type TextPage = { title: string; paragraphs: string[]; link?: { href: string; text: string }; staff?: true };

/** Each page of text alone, by its path; remix.config.js gives each its route. */
const textPages: Record<string, TextPage> = {
  "signed-out": { title: "signIn:signedOut.title", paragraphs: ["signIn:signedOut.body"], link: { href: "/sign-in", text: "signIn:signedOut.again" } },
  "account/deleted": {
    title: "account:deleteAccount.doneTitle",
    paragraphs: ["account:deleteAccount.done"],
    link: { href: "/", text: "account:deleteAccount.again" },
  },
  "shared/finished": { title: "shared:finished.title", paragraphs: ["shared:finished.body", "shared:finished.again"] },
  "staff/signed-out": {
    title: "staff:signedOut.title",
    paragraphs: ["staff:signedOut.body"],
    link: { href: staffPaths.signIn, text: "staff:signedOut.again" },
    staff: true,
  },
};

export async function loader({ request }: LoaderFunctionArgs) {
  // Routes match whatever the case, and with a slash at the end.
  const text = textPages[new URL(request.url).pathname.toLowerCase().replace(/^\/+|\/+$/g, "")];
  if (!text) throw await refusal(request, 404);
  return { ...pageTranslations(request, text.title.split(":")[0] as Namespace), titleKey: text.title, text };
}

export default function TextPage() {
  const { t } = useTranslation();
  const { text } = useLoaderData<typeof loader>();
  const body = (
    <>
      {text.paragraphs.map((key) => (
        <p className="govuk-body" key={key}>
          {t(key)}
        </p>
      ))}
      {text.link ? <LinkParagraph href={text.link.href}>{t(text.link.text)}</LinkParagraph> : null}
    </>
  );
  return text.staff ? (
    <StaffPage heading={t(text.title)} signedIn={false}>
      {body}
    </StaffPage>
  ) : (
    <Page heading={t(text.title)}>{body}</Page>
  );
}
