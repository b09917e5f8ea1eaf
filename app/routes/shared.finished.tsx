import type { LoaderFunctionArgs } from "@remix-run/node";
import { TextPage } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";

export { noFormHere as action } from "#app/web/layout.server";

export const handle = { titleKey: "shared:finished.title" };

export function loader({ request }: LoaderFunctionArgs) {
  return pageTranslations(request, "shared");
}

export default function FinishedReading() {
  const { t } = useTranslation();
  return <TextPage heading={t("shared:finished.title")} paragraphs={[t("shared:finished.body"), t("shared:finished.again")]} />;
}
