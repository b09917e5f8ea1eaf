import { describe, expect, test } from "vitest";
import { renderEmail, withoutSecrets } from "./templates.server";

describe("email templates", () => {
  test("each language's strings are used, and nothing is left as a key", () => {
    for (const language of ["en", "cy"] as const) {
      const { subject, body } = renderEmail("sign-in-code", language, { code: "482913" });
      expect(`${subject}\n${body}`).not.toMatch(/email:|signInCode|\{\{/);
    }
  });

  test("an outbox row that cannot be rendered fails with the reason, never a value", () => {
    expect(() => renderEmail("sign-in-code", "en", {})).toThrow('The "sign-in-code" email is missing code');
    expect(() => renderEmail("share-receipt-v0", "en", { code: "482913" })).toThrow('There is no email template called "share-receipt-v0"');
  });

  test("secrets are blanked once an email is finished with; a template no longer known keeps nothing", () => {
    expect(withoutSecrets("sign-in-code", { code: "482913" })).toEqual({ code: "" });
    expect(withoutSecrets("retired-template", { name: "Sam", link: "https://example.org/s/abc" })).toEqual({ name: "", link: "" });
  });
});
