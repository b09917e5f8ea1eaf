import type { ActionFunctionArgs } from "@remix-run/node";
import { backChannelLogout, oneLoginOffered } from "#app/services/one-login.server";
import { readForm } from "#app/web/form.server";
import { fileRoute, noFormHere, refusal } from "#app/web/layout.server";

/**
 * GOV.UK One Login's back-channel logout: One Login posts a logout token
 * (a form field, `logout_token`) when the person signs out there, and every
 * session of theirs here ends. 200 once done; 400 for a token that fails its checks.
 */
export const action = fileRoute(async ({ request, context }: ActionFunctionArgs) => {
  if (!oneLoginOffered()) throw await refusal(request, 404);
  const token = (await readForm(request)).get("logout_token");
  const done = typeof token === "string" && token !== "" && (await backChannelLogout(token, context.clientIp));
  return new Response(null, { status: done ? 200 : 400, headers: { "Cache-Control": "no-store" } });
});

export const loader = fileRoute(noFormHere);
