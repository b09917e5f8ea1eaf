import { describe, expect, test } from "vitest";
import { formOf } from "#tests/support/sharing-fixture";
import { validateForm } from "#app/web/form.server";
import { agencyForm, newAgencyForm } from "./agency-forms.server";

const errors = "staff:agency.errors";
const agency = {
  name: "Riverside GP",
  nameCy: "",
  description: "A GP surgery.",
  descriptionCy: "",
  contactEmail: "Riverside@NHS.example.net",
  domains: "",
  addresses: "",
};

describe("an agency's details", () => {
  test("domains and addresses are one a line (or split by commas and spaces), lower-cased, each once", () => {
    const checked = validateForm(
      agencyForm,
      formOf({ ...agency, domains: "NHS.example.net,\r\nriverside.nhs.example.net  nhs.example.net", addresses: "Jo@Mail.example.com; jo@mail.example.com" }),
    );
    expect(checked.ok && checked.data).toMatchObject({
      contactEmail: "riverside@nhs.example.net",
      domains: ["nhs.example.net", "riverside.nhs.example.net"],
      addresses: ["jo@mail.example.com"],
      nameCy: null,
      descriptionCy: null,
    });
  });

  test("a description typed on several lines is kept on one", () => {
    const checked = validateForm(agencyForm, formOf({ ...agency, description: "A GP surgery.\r\nOpen on Saturdays.", domains: "nhs.example.net" }));
    expect(checked.ok && checked.data.description).toBe("A GP surgery. Open on Saturdays.");
  });

  test.each([
    { rule: "someone must be able to open its links", form: {}, error: { field: "domains", message: `${errors}.domains.required` } },
    {
      rule: "an address is not a domain",
      form: { domains: "nhs.example.net duty@nhs.example.net" },
      error: { field: "domains", message: `${errors}.domains.hasAt`, params: { item: "duty@nhs.example.net" } },
    },
    {
      rule: "a domain is a domain name",
      form: { domains: "localhost" },
      error: { field: "domains", message: `${errors}.domains.format`, params: { item: "localhost" } },
    },
    {
      rule: "an address is an email address",
      form: { domains: "nhs.example.net", addresses: "jo-at-nhs" },
      error: { field: "addresses", message: `${errors}.addresses.format`, params: { item: "jo-at-nhs" } },
    },
    {
      rule: "a Welsh name is at most 120 characters",
      form: { domains: "nhs.example.net", nameCy: "n".repeat(121) },
      error: { field: "nameCy", message: `${errors}.nameCyTooLong` },
    },
    {
      rule: "no hidden characters",
      form: { domains: "nhs.example.net", name: "Riverside\u202EGP" },
      error: { field: "name", message: `${errors}.characters` },
    },
  ])("$rule", ({ form, error }) => {
    const checked = validateForm(agencyForm, formOf({ ...agency, ...form }));
    expect(checked.ok ? [] : checked.errors).toEqual([error]);
  });

  test("a new agency's key is lower-case letters, digits and hyphens, and comes first among the errors", () => {
    const checked = validateForm(newAgencyForm, formOf({ ...agency, key: "Riverside GP", name: "" }));
    expect(checked.ok ? [] : checked.errors.map((error) => error.field)).toEqual(["key", "name", "domains"]);
    expect(validateForm(newAgencyForm, formOf({ ...agency, key: "riverside-gp-2", domains: "nhs.example.net" })).ok).toBe(true);
  });
});
