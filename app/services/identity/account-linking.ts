/**
 * Which account a GOV.UK One Login signs into, so that a person keeps one
 * account however they sign in:
 *
 * 1. the account that already holds this One Login (`sub`), whatever address
 *    One Login has now, as the address there can change;
 * 2. otherwise nothing, unless One Login says the address is verified: an
 *    unverified address proves nothing, so it neither finds nor makes an account;
 * 3. the account using that address, which records the `sub` (the person has
 *    proven the address, as an emailed code would; a `sub` it held before,
 *    from a One Login since deleted, is replaced);
 * 4. otherwise a new account.
 */
export type OneLoginAccount = { kind: "known"; residentId: string } | { kind: "link"; residentId: string } | { kind: "new" } | { kind: "unverified" };

export function accountForOneLogin(
  found: { bySub: { id: string } | undefined; byEmail: { id: string } | undefined },
  person: { emailVerified: boolean },
): OneLoginAccount {
  if (found.bySub) return { kind: "known", residentId: found.bySub.id };
  if (!person.emailVerified) return { kind: "unverified" };
  if (found.byEmail) return { kind: "link", residentId: found.byEmail.id };
  return { kind: "new" };
}
