import { agencyName } from "#app/models/agency.server";
import type { ConsentRecord } from "#app/models/consent.server";
import type { ShareWithAgency } from "#app/models/share.server";
import { shareState } from "#app/services/sharing/consent-rules";
import { env } from "#app/config/env.server";

/**
 * A consent receipt a person can keep, with field names after the Kantara
 * Initiative Consent Receipt v1.1 and ISO/IEC TS 27560. Times are ISO 8601
 * (27560's dateTime) rather than Kantara's seconds, so a person can read them.
 * The terms are those of the share's latest record, in its `language` (the
 * purpose as worded then, the agency by its name in that language); `history`
 * lists every record, oldest first, since a change or a withdrawal is a new record.
 */
export function consentReceipt({ share, agency }: ShareWithAgency, records: readonly ConsentRecord[], now: Date) {
  const latest = records[records.length - 1];
  if (!latest) throw new Error("A share without a consent record has no receipt");
  const recipient = agencyName(agency, latest.language).text;
  return {
    version: "KI-CR-v1.1.0",
    jurisdiction: "GB",
    consentTimestamp: latest.recordedAt.toISOString(),
    collectionMethod: latest.method,
    consentReceiptID: latest.id,
    language: latest.language,
    piiPrincipalId: latest.subjectId,
    piiControllers: [
      {
        piiController: env.ORGANISATION_NAME,
        contact: env.SERVICE_NAME,
        email: env.CONTACT_EMAIL,
        piiControllerUrl: env.PUBLIC_URL,
        onBehalf: false,
      },
    ],
    policyUrl: `${env.PUBLIC_URL}/privacy`,
    services: [
      {
        service: env.SERVICE_NAME,
        purposes: [
          {
            purpose: latest.purpose,
            consentType: "EXPLICIT",
            lawfulBasis: "consent",
            piiCategory: latest.sections,
            primaryPurpose: true,
            termination: latest.endsAt.toISOString(),
            thirdPartyDisclosure: true,
            thirdPartyName: recipient,
          },
        ],
      },
    ],
    sensitive: true,
    recipient: { id: agency.id, name: recipient },
    shareID: share.id,
    state: shareState(share, now),
    keepUpToDate: share.keepUpToDate,
    contact: { allowed: share.contactAllowed, methods: share.contactMethods },
    notice: { wording: latest.wording, wordingVersion: latest.wordingVersion, wordingHash: `sha256:${latest.wordingHash}` },
    history: records.map((record) => ({
      consentRecordID: record.id,
      event: record.kind,
      timestamp: record.recordedAt.toISOString(),
      agreedBy: record.agreedBy,
      piiPrincipalId: record.subjectId,
      basis: record.basis,
      piiCategory: record.sections,
      termination: record.endsAt.toISOString(),
      collectionMethod: record.method,
      language: record.language,
      wordingVersion: record.wordingVersion,
      wordingHash: `sha256:${record.wordingHash}`,
    })),
  };
}
