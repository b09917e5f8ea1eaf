import { z } from "zod";
import { MAX_REPLY_MESSAGE } from "#app/models/share-choices";

// Error messages are translation keys (shared namespace), shown in the professional's language.
export const workEmailForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, { error: "shared:errors.email.required" })
    .max(254, { error: "shared:errors.email.tooLong" })
    .pipe(z.email({ error: "shared:errors.email.format" })),
});

const line = (field: "name" | "role") =>
  z
    .string()
    .trim()
    .min(1, { error: `shared:errors.${field}.required` })
    .max(100, { error: `shared:errors.${field}.tooLong` });

export const replyForm = z.object({
  name: line("name"),
  role: line("role"),
  message: z.string().trim().max(MAX_REPLY_MESSAGE, { error: "shared:errors.message.tooLong" }),
});
