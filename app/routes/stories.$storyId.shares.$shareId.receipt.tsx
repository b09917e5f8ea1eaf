import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ConsentReceiptView } from "#app/components/consent-receipt";
import { StoryPage } from "#app/components/story-page";
import { formatDate, formatDateTime } from "#app/i18n/dates";
import { languageFor, pageTranslations, serverT } from "#app/i18n/i18n.server";
import { nameFor, peopleOf } from "#app/services/helpers.server";
import { agencyName } from "#app/models/agency.server";
import { consentRecordsOf } from "#app/models/consent.server";
import { sharesPath } from "#app/paths";
import { shareState } from "#app/services/sharing/consent-rules";
import { sharePurpose } from "#app/services/sharing/shares.server";
import { requireOwnShare, requireStory, storyPageTakesNoForm } from "#app/web/guards.server";

export const handle = { titleKey: "sharing:receipt.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story, resident } = await requireStory(request, params.storyId);
  const { share, agency } = await requireOwnShare(request, story, params.shareId);
  const lang = languageFor(request);
  const people = await peopleOf(story);
  const t = serverT(lang, "helpers");
  const records = await consentRecordsOf(share.id);
  // The words on show are those last agreed to; a withdrawal has words of its own, listed in the history.
  const agreed = records.findLast((record) => record.kind !== "withdrawn") ?? records[0];
  return {
    ...pageTranslations(request, "sharing", "story", "helpers"),
    storyId: story.id,
    receipt: {
      shareId: share.id,
      agencyName: agencyName(agency, lang),
      sections: share.sections,
      // The one purpose, in the reader's language; the words agreed are quoted below in theirs.
      purpose: sharePurpose(lang, agency),
      endsOn: formatDate(share.endsAt, lang),
      keepUpToDate: share.keepUpToDate,
      contact: { allowed: share.contactAllowed, methods: share.contactMethods },
      state: shareState(share, new Date()),
      agreedOn: records[0] ? formatDateTime(records[0].recordedAt, lang) : "",
      method: records[0]?.method ?? "online",
      wording: agreed
        ? // The English name is marked where the words are Welsh: an agency with no Welsh, or words agreed before it had any.
          {
            lines: agreed.wording.split("\n"),
            lang: agreed.language,
            agency: agencyName(agency, "en"),
            version: agreed.wordingVersion,
            hash: agreed.wordingHash,
          }
        : null,
      history: records.map((record) => ({
        id: record.id,
        kind: record.kind,
        on: formatDateTime(record.recordedAt, lang),
        by: nameFor(people, record.agreedBy, resident.id, t),
      })),
    },
  };
}

export const action = storyPageTakesNoForm;

export default function ConsentReceipt() {
  const { storyId, receipt } = useLoaderData<typeof loader>();
  return (
    <StoryPage backHref={sharesPath(storyId)}>
      <ConsentReceiptView storyId={storyId} receipt={receipt} />
    </StoryPage>
  );
}
