import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { FileUpload } from "#app/components/govuk/file-upload";
import { StaffPage } from "#app/components/staff-page";
import { useTranslation } from "#app/i18n/use-translation";
import { staffPaths } from "#app/paths";
import { importAgenciesFrom, readAgencyFile } from "#app/services/staff/directory.server";
import { requireStaff, staffFormPage } from "#app/web/guards.server";
import { invalid } from "#app/web/form.server";

export const handle = { titleKey: "staff:import.title" };

export const loader = staffFormPage;

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff } = await requireStaff(request);
  const file = await readAgencyFile(request);
  if (!file.ok) return invalid(context, { errors: [{ field: "file", message: `staff:import.errors.${file.reason}` }], values: {} }, 400, { problems: [] });
  const outcome = await importAgenciesFrom(file.contents, staff);
  if (outcome.ok) return redirect(`${staffPaths.agencies}?done=imported&created=${outcome.created}&updated=${outcome.updated}`);
  const error = { field: "file", message: "staff:import.errors.problems", params: { count: outcome.problems.length } };
  return invalid(context, { errors: [error], values: {} }, 400, { problems: outcome.problems });
}

/** A council's agency file, sent from the browser: imported whole, or not at all, by the same rules as `npm run agencies:import`. */
export default function ImportAgencies() {
  const { t } = useTranslation();
  const form = useForm();
  const answer = useActionData<typeof action>();
  const problems = answer?.problems ?? [];
  return (
    <StaffPage heading={t("staff:import.title")} back={{ href: staffPaths.agencies, text: t("staff:agencies.title") }} form={form}>
      <p className="govuk-body">{t("staff:import.intro")}</p>
      <p className="govuk-body">{t("staff:import.rules")}</p>
      {problems.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">{t("staff:import.problemsTitle")}</h2>
          {/* The import's own words, as the command prints them: in English, naming the file's fields. */}
          <ul className="govuk-list govuk-list--bullet" lang="en">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate>
        <FileUpload
          id="file"
          name="file"
          label={{ children: t("staff:import.label"), className: "govuk-label--m" }}
          hint={{ children: t("staff:import.hint") }}
          errorMessage={form.errorMessage("file")}
          attributes={{ accept: ".json,application/json" }}
        />
        <Button preventDoubleClick>{t("staff:import.button")}</Button>
      </Form>
    </StaffPage>
  );
}
