import { z } from "zod";
import { FORMER_OWNER_CHOICES, HELPER_ROLES, INVITATION_ANSWERS as ANSWERS } from "#app/services/sharing/permissions";
import { normaliseEmail } from "#app/services/sign-in.server";
import { emailAddress, oneLine, validateForm, type FormResult } from "#app/web/form.server";

/**
 * The forms about helpers and handing a story over. Messages are keys in
 * locales/{en,cy}/helpers.json; addresses are normalised as sign-in does, so
 * the address invited is the address that signs in.
 */

const errors = "helpers:invite.errors";
const invitedEmail = emailAddress(errors).transform(normaliseEmail);

/** "Invite someone to help": their name, their address and what they may do. */
export const inviteForm = z.object({
  name: oneLine(`${errors}.characters`)
    .pipe(z.string().min(1, { error: `${errors}.nameRequired` }))
    .pipe(z.string().max(100, { error: `${errors}.nameTooLong` })),
  email: invitedEmail,
  permission: z.enum(HELPER_ROLES, { error: `${errors}.permissionRequired` }),
});

/** "Hand this story over": the person's own address. */
export const handOverForm = z.object({ email: invitedEmail });

export const helpAnswerForm = z.object({ answer: z.enum(ANSWERS, { error: "helpers:invitation.errors.answerRequired" }) });

const takeOverAnswer = z.object({
  answer: z.enum(ANSWERS, { error: "helpers:invitation.errors.takeOverRequired" }),
  formerOwner: z.string(),
});

type FormerOwnerChoice = (typeof FORMER_OWNER_CHOICES)[number];

/** To take a story over: yes or no, and with yes, what the former owner (`inviter`, named in the error) may still do. */
export function validateTakeOver(form: FormData, inviter: string): FormResult<{ answer: "yes"; formerOwner: FormerOwnerChoice } | { answer: "no" }> {
  const checked = validateForm(takeOverAnswer, form);
  const formerOwner = FORMER_OWNER_CHOICES.find((choice) => choice === String(form.get("formerOwner") ?? ""));
  const needsChoice = String(form.get("answer")) !== "no" && !formerOwner;
  const choiceError = { field: "formerOwner", message: "helpers:invitation.errors.formerOwnerRequired", params: { inviter } };
  if (!checked.ok) return { ...checked, errors: needsChoice ? [...checked.errors, choiceError] : checked.errors };
  if (checked.data.answer === "no") return { ok: true, values: checked.values, data: { answer: "no" } };
  if (!formerOwner) return { ok: false, errors: [choiceError], values: checked.values };
  return { ok: true, values: checked.values, data: { answer: "yes", formerOwner } };
}
