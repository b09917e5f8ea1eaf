import type { ReactNode } from "react";
import type { Form } from "#app/components/form";
import { Input } from "#app/components/govuk/input";

/**
 * "What is your email address?" as the page's one question, for signing in or
 * proving a work address; or, `underHeading`, as the question of a part of a
 * page that has a heading of its own.
 */
export function EmailQuestion({ form, label, hint, underHeading = false }: { form: Form; label: string; hint: ReactNode; underHeading?: boolean }) {
  return (
    <Input
      {...form.field("email")}
      type="email"
      autocomplete="email"
      spellcheck={false}
      label={underHeading ? { children: label } : { children: label, isPageHeading: true, className: "govuk-label--l" }}
      hint={{ children: hint }}
    />
  );
}
