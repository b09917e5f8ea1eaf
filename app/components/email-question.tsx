import type { ReactNode } from "react";
import type { Form } from "#app/components/form";
import { Input } from "#app/components/govuk/input";

/** "What is your email address?" as the page's one question, for signing in or proving a work address. */
export function EmailQuestion({ form, label, hint }: { form: Form; label: string; hint: ReactNode }) {
  return (
    <Input
      {...form.field("email")}
      type="email"
      autocomplete="email"
      spellcheck={false}
      label={{ children: label, isPageHeading: true, className: "govuk-label--l" }}
      hint={{ children: hint }}
    />
  );
}
