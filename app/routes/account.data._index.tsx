import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AccountDataView } from "#app/components/account-data";
import { formatDateTime } from "#app/i18n/dates";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { accountData } from "#app/services/account-data.server";
import { requireResident, residentPageTakesNoForm } from "#app/web/guards.server";

export const handle = { titleKey: "account:readTitle" };

/** The account's data on one page to read, keep or print: the same as the download, in words. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { resident } = await requireResident(request);
  const lang = languageFor(request);
  const now = new Date();
  const data = await accountData(resident.id, now);
  // Every moment, as the page writes it.
  const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso), lang) : "");
  return { ...pageTranslations(request, "account", "story", "sharing", "helpers"), data, printedOn: when(data.exportedAt), dates: datesOf(data, when) };
}

/** Each ISO moment in the data, formatted once on the server (the page has no clock or time zone of its own). */
function datesOf(data: Awaited<ReturnType<typeof accountData>>, when: (iso: string | null) => string): Record<string, string> {
  const dates: Record<string, string> = {};
  const add = (iso: string | null) => {
    if (iso) dates[iso] = when(iso);
  };
  add(data.account.createdAt);
  add(data.account.lastSignedInAt);
  for (const story of data.stories) {
    [story.startedAt, ...story.draft.map((part) => part.savedAt), ...story.versions.map((version) => version.savedAt)].forEach(add);
    for (const share of story.shares) {
      [share.sharedAt, share.endsAt, share.stoppedAt, ...share.consentRecords.map((record) => record.recordedAt)].forEach(add);
      [...share.accessLog.map((view) => view.openedAt), ...share.replies.map((reply) => reply.at)].forEach(add);
    }
    story.helpers.forEach((helper) => add(helper.invitedAt));
  }
  data.emails.forEach((email) => add(email.sentAt ?? email.queuedAt));
  return dates;
}

export const action = residentPageTakesNoForm;

export default function YourData() {
  const { data, printedOn, dates } = useLoaderData<typeof loader>();
  return <AccountDataView data={data} printedOn={printedOn} dates={dates} />;
}
