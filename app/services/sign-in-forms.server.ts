import { z } from "zod";

// Error messages are translation keys (signIn namespace), shown in the person's language.
export const emailForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, { error: "signIn:errors.email.required" })
    .max(254, { error: "signIn:errors.email.tooLong" })
    .pipe(z.email({ error: "signIn:errors.email.format" })),
});

export const codeForm = z.object({
  code: z
    .string()
    // People paste codes with spaces or dashes, as phones show them.
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(z.string().min(1, { error: "signIn:errors.code.required" }).regex(/^\d{6}$/, { error: "signIn:errors.code.format" })),
});

/** The message for a code that was not sent because a rate limit was reached. */
export function codeRefusedMessage(reason: "too-many-for-address" | "too-many-from-ip"): string {
  return reason === "too-many-for-address" ? "signIn:errors.email.tooManyForAddress" : "signIn:errors.email.tooManyFromIp";
}
