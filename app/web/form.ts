/** The shape of a form's answer to a page: safe for the browser, so components can read it. */

/** One problem with one field. `message` is a translation key; `field` is the id of the input to focus. */
export type FormError = { field: string; message: string; params?: Record<string, string | number> };

/** What the person typed, kept exactly so a page with errors can show it again. */
export type FormValues = Record<string, string | string[]>;

/** A form sent with mistakes: its errors, in page order, and what was typed. */
export type FormProblem = { errors: FormError[]; values: FormValues };
