import type { TFunction } from "i18next";

/** The name of a part of a story, as the share journey and "Who has your story" list it. */
export function partName(t: TFunction, id: string): string {
  return id === "about" ? t("sharing:parts.about") : t(`story:sections.${id}.title`);
}

/** What a share lets an agency see, in words: the name always, then each part chosen. */
export function partNames(t: TFunction, sections: readonly string[]): string[] {
  return [t("sharing:declaration.name"), ...sections.map((id) => partName(t, id))];
}

/** The ways an agency may get in touch, in a sentence ("email, text message"): the words "About you" uses for them. */
export function contactWays(t: TFunction, methods: readonly string[]): string {
  return methods.map((method) => t(`story:fields.about.contactBy.inline.${method}`)).join(", ");
}

/** Who wrote a story and on what basis, as the subject holds them (app/models/subject.ts' Writer). */
type Writer = { basis: string; relationship: string; name: string | null; writerName: string | null; basisDetail: string | null };

/** "The person themselves", or "Gwen Jones (his mother) for Dafydd Jones – parental responsibility". */
export function writtenBy(writer: Writer, t: TFunction): string {
  if (writer.basis === "self") return t("story:summary.basis.self");
  const basis =
    writer.basis === "lpa" && writer.basisDetail
      ? t("story:summary.basisShort.lpaWithReference", { reference: writer.basisDetail })
      : t(`story:summary.basisShort.${writer.basis}`, { detail: writer.basisDetail ?? "" });
  return t("story:summary.writtenFor", { writer: writer.writerName ?? "", relationship: writer.relationship, name: writer.name ?? "", basis });
}
