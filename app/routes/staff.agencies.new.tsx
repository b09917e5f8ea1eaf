import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { AgencyForm } from "#app/components/agency-form";
import { useForm } from "#app/components/form";
import { StaffPage } from "#app/components/staff-page";
import { useTranslation } from "#app/i18n/use-translation";
import { staffPaths } from "#app/paths";
import { newAgencyForm } from "#app/services/staff/agency-forms.server";
import { addAgency } from "#app/services/staff/directory.server";
import { requireStaff, staffFormPage } from "#app/web/guards.server";
import { invalid, readForm, validateForm } from "#app/web/form.server";

export const handle = { titleKey: "staff:agency.addTitle" };

export const loader = staffFormPage;

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff } = await requireStaff(request);
  const checked = validateForm(newAgencyForm, await readForm(request));
  if (!checked.ok) return invalid(context, checked);
  const added = await addAgency(checked.data, staff);
  if (!added.ok) return invalid(context, { errors: [{ field: "key", message: "staff:agency.errors.keyTaken" }], values: checked.values });
  return redirect(`${staffPaths.agencies}?done=added&agency=${added.id}`);
}

/** A new agency, offered to residents from the moment it is added. */
export default function NewAgency() {
  const { t } = useTranslation();
  const form = useForm();
  return (
    <StaffPage heading={t("staff:agency.addTitle")} back={{ href: staffPaths.agencies, text: t("staff:agencies.title") }} form={form}>
      <p className="govuk-body">{t("staff:agency.addIntro")}</p>
      <AgencyForm form={form} withKey button={t("staff:agency.add")} />
    </StaffPage>
  );
}
