import { describe, expect, test } from "vitest";
import { accountForOneLogin } from "./account-linking";

const sam = { id: "sam" };
const alex = { id: "alex" };

describe("which account a GOV.UK One Login signs into", () => {
  test("the account holding the One Login, even when its address there has changed to another account's", () => {
    expect(accountForOneLogin({ bySub: sam, byEmail: alex }, { emailVerified: true })).toEqual({ kind: "known", residentId: "sam" });
  });

  test("the account holding the One Login, even when One Login no longer says the address is verified", () => {
    expect(accountForOneLogin({ bySub: sam, byEmail: undefined }, { emailVerified: false })).toEqual({ kind: "known", residentId: "sam" });
  });

  test("an account that signs in with emailed codes, when One Login has verified the same address: linked", () => {
    expect(accountForOneLogin({ bySub: undefined, byEmail: sam }, { emailVerified: true })).toEqual({ kind: "link", residentId: "sam" });
  });

  test("an unverified address never finds an account", () => {
    expect(accountForOneLogin({ bySub: undefined, byEmail: sam }, { emailVerified: false })).toEqual({ kind: "unverified" });
  });

  test("an unverified address never makes one", () => {
    expect(accountForOneLogin({ bySub: undefined, byEmail: undefined }, { emailVerified: false })).toEqual({ kind: "unverified" });
  });

  test("someone new with a verified address: a new account", () => {
    expect(accountForOneLogin({ bySub: undefined, byEmail: undefined }, { emailVerified: true })).toEqual({ kind: "new" });
  });
});
