import { z } from "zod";
import { MAX_REPLY_MESSAGE } from "#app/services/sharing/choices";
import { emailAddress, multiLine, oneLine } from "#app/web/form.server";

// Error messages are translation keys (shared namespace), shown in the professional's language.
export const workEmailForm = z.object({ email: emailAddress("shared:errors") });

// The name and role go into the resident's email word for word, so each is one line of plain text.
const line = (field: "name" | "role") =>
  oneLine(`shared:errors.${field}.characters`).pipe(
    z
      .string()
      .min(1, { error: `shared:errors.${field}.required` })
      .max(100, { error: `shared:errors.${field}.tooLong` }),
  );

export const replyForm = z.object({
  name: line("name"),
  role: line("role"),
  message: multiLine("shared:errors.message.characters").pipe(z.string().max(MAX_REPLY_MESSAGE, { error: "shared:errors.message.tooLong" })),
});
