import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button } from "#app/components/govuk/button";

/**
 * The form that confirms something cannot be undone (deleting, stopping,
 * removing): a warning button, and beside it the way back without doing it.
 */
export function ConfirmEnding({ button, cancel }: { button: ReactNode; cancel: { href: string; text: ReactNode } }) {
  return (
    <Form method="post" noValidate>
      <div className="govuk-button-group">
        <Button className="govuk-button--warning" preventDoubleClick>
          {button}
        </Button>
        <a className="govuk-link" href={cancel.href}>
          {cancel.text}
        </a>
      </div>
    </Form>
  );
}
