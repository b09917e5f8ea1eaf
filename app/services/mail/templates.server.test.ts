import { describe, expect, test } from "vitest";
import { renderEmail, withoutSecrets } from "./templates.server";

describe("email templates", () => {
  test("each language's strings are used, and nothing is left as a key", () => {
    for (const language of ["en", "cy"] as const) {
      const { subject, body } = renderEmail("sign-in-code", language, { code: "482913" });
      expect(`${subject}\n${body}`).not.toMatch(/email:|signInCode|\{\{/);
    }
  });

  test("an agency's email is written in both languages, the person's first, each with its own dates", () => {
    const { subject, body } = renderEmail("share-link", "cy", {
      agency: "Riverside Medical Practice",
      link: "https://example.org/shared/abc",
      endsOn: "2027-05-26T23:59:59.999Z",
    });
    expect(subject).toBe("Mae rhywun wedi rhannu ei stori gyda Riverside Medical Practice / Someone has shared their story with Riverside Medical Practice");
    const [welsh, english] = body.split("\n\n---\n\n");
    expect(welsh).toContain("26 Mai 2027");
    expect(english).toContain("The link works until 26 May 2027, unless they stop sharing before then.");
    expect(english).toContain("https://example.org/shared/abc");
    expect(`${subject}\n${body}`).not.toMatch(/email:|shareLink|\{\{/);
  });

  test("the Welsh part names the agency in Welsh when it has a Welsh name; a row queued without one uses the English", () => {
    const values = {
      agency: "Demo Council Housing Options",
      agencyCy: "Opsiynau Tai Cyngor Demo",
      link: "https://example.org/shared/abc",
      endsOn: "2027-05-26T23:59:59.999Z",
    };
    const { subject, body } = renderEmail("share-link", "en", values);
    expect(subject).toBe("Someone has shared their story with Demo Council Housing Options / Mae rhywun wedi rhannu ei stori gyda Opsiynau Tai Cyngor Demo");
    const [english, welsh] = body.split("\n\n---\n\n");
    expect(english).toContain("check that you work at Demo Council Housing Options.");
    expect(welsh).toContain("eich bod chi’n gweithio i Opsiynau Tai Cyngor Demo.");
    expect(welsh).not.toContain("Demo Council Housing Options");
    for (const template of ["share-stopped", "share-updated"]) {
      expect(
        renderEmail(template, "cy", { agency: "Demo Jobcentre Plus", agencyCy: "Canolfan Byd Gwaith Demo", sharedOn: "2027-01-05T10:00:00.000Z" }).subject,
      ).toMatch(/Canolfan Byd Gwaith Demo.* \/ .*Demo Jobcentre Plus/);
    }
    expect(renderEmail("share-stopped", "cy", { agency: "Demo Jobcentre Plus", sharedOn: "2027-01-05T10:00:00.000Z" }).subject).toMatch(
      /^Mae mynediad at stori a rannwyd gyda Demo Jobcentre Plus/,
    );
  });

  test("the Welsh email to an agency assumes no gender of the person who shared", () => {
    const { body } = renderEmail("share-link", "cy", {
      agency: "A",
      agencyCy: "A",
      link: "https://example.org/shared/abc",
      endsOn: "2027-05-26T23:59:59.999Z",
    });
    expect(body).toContain("oni bai bod y person yn rhoi’r gorau i rannu cyn hynny.");
    expect(body).not.toMatch(/\bei (fod|bod)\b/);
  });

  test("an older row whose date is already words keeps them; a person's own email stays in their language", () => {
    expect(renderEmail("share-stopped", "en", { agency: "A", sharedOn: "3 March 2026" }).body).toContain("on 3 March 2026 using");
    expect(renderEmail("sign-in-code", "cy", { code: "482913" }).body).not.toContain("---");
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
