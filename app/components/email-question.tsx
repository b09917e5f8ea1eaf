import type { ReactNode } from "react";
import type { Form } from "#app/components/form";
import { Input } from "#app/components/govuk/input";

type Props = {
  form: Form;
  label: string;
  hint: ReactNode;
  /**
   * Where the question stands: as the page's heading (signing in, proving a
   * work address); under a heading of its own part of the page; or as one
   * question of a longer form, its label in bold.
   */
  place?: "page" | "part" | "form";
  /** Someone else's address (a helper's, the person's a story is handed to): the browser should not offer one's own. */
  someoneElses?: boolean;
};

/** "What is your email address?": the `email` field of a form. */
export function EmailQuestion({ form, label, hint, place = "page", someoneElses = false }: Props) {
  const labels = {
    page: { children: label, isPageHeading: true, className: "govuk-label--l" },
    part: { children: label },
    form: { children: label, className: "govuk-label--s" },
  };
  return (
    <Input
      {...form.field("email")}
      type="email"
      autocomplete={someoneElses ? "off" : "email"}
      spellcheck={false}
      label={labels[place]}
      hint={{ children: hint }}
    />
  );
}
