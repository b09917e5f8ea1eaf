/**
 * Who a story is about: the writer themselves, or someone they care for or
 * support, and what lets them act for that person. Safe for the browser.
 */

/** What lets someone write and share a story for another person. */
export const BASES = ["asked", "lpa", "deputy", "parental", "other"] as const;
export type Basis = (typeof BASES)[number];

/** The date of birth's input on "Who are you writing this story for?", and the prefix of its inputs' names. */
export const DATE_OF_BIRTH = "dateOfBirth";

/** The longest name, relationship, reference or explanation the form takes. */
export const SUBJECT_LIMITS = { name: 100, relationship: 60, lpaReference: 40, basisDetail: 200 } as const;

/** A story's person when it is not the writer. */
export type SomeoneElse = {
  name: string;
  writerName: string;
  relationship: string;
  basis: Basis;
  /** YYYY-MM-DD, when given. */
  dateOfBirth: string | null;
  /** The lasting power of attorney's reference (optional), or the explanation of "other". */
  basisDetail: string | null;
};

/** A story's subject as the summaries show who wrote it. */
export type Writer = {
  basis: string;
  relationship: string;
  name: string | null;
  writerName: string | null;
  basisDetail: string | null;
};
