import { z } from "zod";
import { emailAddress } from "#app/web/form.server";
import type { CodeFailure, CodeRefusal } from "./sign-in.server";

// Error messages are translation keys (signIn namespace), shown in the person's language.
export const emailForm = z.object({ email: emailAddress("signIn:errors") });

export const codeForm = z.object({
  code: z
    .string()
    // People paste codes with spaces or dashes, as phones show them.
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(
      z
        .string()
        .min(1, { error: "signIn:errors.code.required" })
        .regex(/^\d{6}$/, { error: "signIn:errors.code.format" }),
    ),
});

/** The message for a code that was not sent because a rate limit was reached. */
export function codeRefusedMessage(reason: CodeRefusal): string {
  return reason === "too-many-for-address" ? "signIn:errors.email.tooManyForAddress" : "signIn:errors.email.tooManyFromIp";
}

const codeFailures: Record<CodeFailure, string> = {
  "no-sign-in": "signIn:errors.code.expired",
  expired: "signIn:errors.code.expired",
  wrong: "signIn:errors.code.wrong",
  "too-many-tries": "signIn:errors.code.tooManyTries",
  "too-many-from-ip": "signIn:errors.code.tooManyFromIp",
};

/** The message for a code that was not accepted. */
export function codeFailureMessage(reason: CodeFailure): string {
  return codeFailures[reason];
}
