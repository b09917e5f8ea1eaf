/**
 * The professional's side of a share, through the real pages over HTTP: the
 * link from the agency's email, the work address, the code, and the cookie
 * that then opens /shared/:shareId/… for 8 hours.
 */
import { HttpClient, setCookie, type Page } from "#tests/support/http-client";
import { bodyOf, type ReceivedEmail, type ServerWithMail } from "#tests/support/sign-in";

/** The /shared/<token> link in an agency's email. */
export function shareLinkFrom(email: ReceivedEmail): string {
  const link = bodyOf(email).match(/https?:\/\/\S+\/shared\/[A-Za-z0-9_-]{43}/)?.[0];
  if (!link) throw new Error("the agency's email has no /shared/ link");
  return link;
}

/** The link emailed to `agencyInbox` since the `since`-th email arrived. */
export async function linkSentTo(server: ServerWithMail, agencyInbox: string, since: number): Promise<string> {
  return shareLinkFrom(await server.mail.nextEmailTo(agencyInbox, since));
}

export type Opened = { shareId: string; cookie: string };

/** A professional's browser opening a share link the first time: the share it leads to, and the cookie it was given. */
export async function openLink(link: string): Promise<Opened> {
  const browser = new HttpClient(new URL(link).origin).browser();
  const page = await browser.get(new URL(link).pathname);
  const location = page.headers.get("location") ?? "";
  const shareId = location.match(/^\/shared\/([0-9a-f-]{36})\/email$/)?.[1];
  const cookie = shareId && browser.jar.get(`share-${shareId}`);
  if (page.status !== 302 || !shareId || !cookie) throw new Error(`opening the link answered ${page.status} to ${location}`);
  return { shareId, cookie };
}

/** POSTs a form to a shared-story page with this browser's cookie. */
export function postShared(server: ServerWithMail, path: string, cookie: string, fields: Record<string, string>): Promise<Page> {
  return new HttpClient(server.url).post(path, fields, { cookie });
}

/** The 6-digit code in an email, on a line of its own. */
export function codeFrom(email: ReceivedEmail): string {
  const code = bodyOf(email).match(/^(\d{6})\r?$/m)?.[1];
  if (!code) throw new Error("the email had no 6-digit code on a line of its own");
  return code;
}

/** Opens the link and proves `workEmail` with the emailed code: a browser that may now read the summary. */
export async function openAsProfessional(server: ServerWithMail, link: string, workEmail: string): Promise<Opened> {
  const opened = await openLink(link);
  const browser = new HttpClient(server.url).browser({ cookie: opened.cookie });
  const since = server.mail.received.length;
  const asked = await browser.post(`/shared/${opened.shareId}/email`, { email: workEmail });
  if (asked.status !== 302) throw new Error(`the work email page answered ${asked.status}`);
  const code = codeFrom(await server.mail.nextEmailTo(workEmail, since));
  const verified = await browser.post(`/shared/${opened.shareId}/code`, { code });
  if (verified.status !== 302 || verified.headers.get("location") !== `/shared/${opened.shareId}/summary`) {
    throw new Error(`the code page answered ${verified.status}`);
  }
  // Proving the address replaces the browser's cookie.
  const cookie = setCookie(verified, `share-${opened.shareId}`);
  if (!cookie) throw new Error("the code page gave no new cookie");
  return { shareId: opened.shareId, cookie };
}

/** An email's Subject header as a mail program shows it, decoding RFC 2047 encoded words (a Welsh subject, say). */
export function subjectOf(email: ReceivedEmail): string {
  const split = email.raw.search(/\r?\n\r?\n/);
  const headers = email.raw.slice(0, split).replace(/\r?\n[ \t]+/g, " ");
  const subject = headers.match(/^subject:[ \t]*(.*)$/im)?.[1] ?? "";
  return subject
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            "latin1",
          ).toString("utf8"),
    )
    .trim();
}
