import type { LoaderFunctionArgs } from "@remix-run/node";
import { TextPage } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";

export { noFormHere as action } from "#app/web/layout.server";

export const handle = { titleKey: "account:deleteAccount.doneTitle" };

/** Where a deleted account lands, signed out. */
export function loader({ request }: LoaderFunctionArgs) {
  return pageTranslations(request, "account");
}

export default function AccountDeleted() {
  const { t } = useTranslation();
  return (
    <TextPage
      heading={t("account:deleteAccount.doneTitle")}
      paragraphs={[t("account:deleteAccount.done")]}
      link={{ href: "/", text: t("account:deleteAccount.again") }}
    />
  );
}
