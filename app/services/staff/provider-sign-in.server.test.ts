import { describe, expect, test } from "vitest";
import { allowedStaffAddress } from "./provider-sign-in.server";

const allowed = ["@council.gov.uk", "partner@charity.org", "group:social-care"];

describe("who STAFF_OIDC_ALLOWED lets in to the staff area", () => {
  test("anyone at a domain it names, by their address lower-cased", () => {
    expect(allowedStaffAddress({ email: "Duty.Desk@Council.gov.uk" }, allowed)).toBe("duty.desk@council.gov.uk");
  });

  test("not an address that only ends like the domain", () => {
    expect(allowedStaffAddress({ email: "someone@notcouncil.gov.uk" }, allowed)).toBeNull();
    expect(allowedStaffAddress({ email: "someone@council.gov.uk.evil.example" }, allowed)).toBeNull();
  });

  test("an address it names, and no other at that domain", () => {
    expect(allowedStaffAddress({ email: "partner@charity.org" }, allowed)).toBe("partner@charity.org");
    expect(allowedStaffAddress({ email: "other@charity.org" }, allowed)).toBeNull();
  });

  test("anyone whose groups claim names a group it names", () => {
    expect(allowedStaffAddress({ email: "worker@agency.example", groups: ["finance", "social-care"] }, allowed)).toBe("worker@agency.example");
    expect(allowedStaffAddress({ email: "worker@agency.example", groups: ["finance"] }, allowed)).toBeNull();
    expect(allowedStaffAddress({ email: "worker@agency.example", groups: "social-care" }, allowed)).toBeNull();
  });

  test("Entra ID's preferred_username when there is no email claim", () => {
    expect(allowedStaffAddress({ preferred_username: "worker@council.gov.uk" }, allowed)).toBe("worker@council.gov.uk");
  });

  test("never an address the provider says is not verified, nor no address at all", () => {
    expect(allowedStaffAddress({ email: "worker@council.gov.uk", email_verified: false }, allowed)).toBeNull();
    expect(allowedStaffAddress({ groups: ["social-care"] }, allowed)).toBeNull();
  });
});
