import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { AgencyForm } from "#app/components/agency-form";
import { useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { SummaryList } from "#app/components/govuk/summary-list";
import { WarningText } from "#app/components/govuk/warning-text";
import { useMarkParts } from "#app/components/language-of-parts";
import { StaffPage } from "#app/components/staff-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { agencyName } from "#app/models/agency.server";
import { staffPaths } from "#app/paths";
import { agencyForm } from "#app/services/staff/agency-forms.server";
import { changeAgency, offerAgency } from "#app/services/staff/directory.server";
import { requireStaffAgency } from "#app/web/guards.server";
import { invalid, readForm, validateForm } from "#app/web/form.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { agency } = await requireStaffAgency(request, params.agencyId);
  const saved = {
    name: agency.name,
    nameCy: agency.nameCy ?? "",
    description: agency.description,
    descriptionCy: agency.descriptionCy ?? "",
    contactEmail: agency.contactEmail,
    domains: agency.domains.join("\n"),
    addresses: agency.addresses.join("\n"),
  };
  const name = agencyName(agency, languageFor(request));
  // The page is titled with the agency's name.
  return {
    ...pageTranslations(request, "staff"),
    titleKey: "staff:agency.pageTitle",
    titleValues: { agency: name.text },
    name,
    key: agency.key,
    active: agency.active,
    saved,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { agency, staff } = await requireStaffAgency(request, params.agencyId);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "deactivate" || intent === "reactivate") {
    await offerAgency(agency.id, intent === "reactivate", staff);
    return redirect(`${staffPaths.agencies}?done=${intent}d&agency=${agency.id}`);
  }
  const checked = validateForm(agencyForm, form);
  if (!checked.ok) return invalid(context, checked);
  await changeAgency(agency.id, checked.data, staff);
  return redirect(`${staffPaths.agencies}?done=changed&agency=${agency.id}`);
}

/** One agency's details to change, and whether residents may choose it for new shares. */
export default function StaffAgency() {
  const { t } = useTranslation();
  const mark = useMarkParts();
  const { name, key, active, saved } = useLoaderData<typeof loader>();
  const form = useForm(saved);
  return (
    <StaffPage heading={mark(name)} back={{ href: staffPaths.agencies, text: t("staff:agencies.title") }} form={form}>
      <SummaryList
        rows={[
          { key: { children: t("staff:agency.key") }, value: { children: key } },
          { key: { children: t("staff:agency.status") }, value: { children: t(active ? "staff:agencies.offered" : "staff:agencies.notOffered") } },
        ]}
      />
      <h2 className="govuk-heading-m">{t("staff:agency.changeTitle")}</h2>
      <AgencyForm form={form} withKey={false} button={t("staff:agency.save")} />
      <h2 className="govuk-heading-m">{t(active ? "staff:agency.deactivate.title" : "staff:agency.reactivate.title")}</h2>
      <p className="govuk-body">{t(active ? "staff:agency.deactivate.body" : "staff:agency.reactivate.body")}</p>
      {active ? <WarningText>{t("staff:agency.deactivate.links")}</WarningText> : null}
      <Form method="post" noValidate>
        <Button name="intent" value={active ? "deactivate" : "reactivate"} className={active ? "govuk-button--warning" : "govuk-button--secondary"}>
          {t(active ? "staff:agency.deactivate.button" : "staff:agency.reactivate.button")}
        </Button>
      </Form>
    </StaffPage>
  );
}
