import type { ReactNode } from "react";
import { useGovukStrings } from "./strings";
import { Hint } from "./hint";
import type { GovukAttributes } from "./attributes";
import { Textarea, type TextareaProps } from "./textarea";

/** Messages keyed by plural rule (`one`, `other`…); `%{count}` is replaced by the script. */
type PluralText = Record<string, string>;

export type CharacterCountProps = Omit<TextareaProps, "disabled" | "describedBy" | "autocomplete" | "label"> & {
  label: TextareaProps["label"];
  maxlength?: number | string;
  maxwords?: number | string;
  threshold?: number | string;
  countType?: "characters" | "length" | "words";
  countMessage?: { className?: string };
  textareaDescriptionText?: string;
  charactersUnderLimitText?: PluralText;
  charactersAtLimitText?: string;
  charactersOverLimitText?: PluralText;
  wordsUnderLimitText?: PluralText;
  wordsAtLimitText?: string;
  wordsOverLimitText?: PluralText;
};

// The macro leaves the count messages to the script's own English, so they are only rendered when translated or given.
function englishDefaults(countType: string | undefined) {
  return {
    textareaDescriptionText: `You can enter up to %{count} ${countType === "words" ? "words" : "characters"}`,
    charactersUnderLimitText: undefined as PluralText | undefined,
    charactersAtLimitText: undefined as string | undefined,
    charactersOverLimitText: undefined as PluralText | undefined,
    wordsUnderLimitText: undefined as PluralText | undefined,
    wordsAtLimitText: undefined as string | undefined,
    wordsOverLimitText: undefined as PluralText | undefined,
  };
}

/** The `data-i18n.*` attributes the character count script reads its messages from. */
function i18nAttributes(key: string, message: string | PluralText | undefined): GovukAttributes {
  if (!message) return {};
  if (typeof message === "string") return { [`data-i18n.${key}`]: message };
  return Object.fromEntries(Object.entries(message).map(([rule, text]) => [`data-i18n.${key}.${rule}`, text]));
}

export function CharacterCount(props: CharacterCountProps) {
  const { maxlength, maxwords, threshold, formGroup, countMessage } = props;
  const countType = props.countType || (maxwords ? "words" : undefined);
  const english = englishDefaults(countType);
  const strings = useGovukStrings("characterCount", english);
  const pick = <K extends keyof typeof english>(key: K) => props[key] ?? strings[key];

  const id = props.id || props.name;
  const hasNoLimit = !maxwords && !maxlength;
  const description = pick("textareaDescriptionText") || english.textareaDescriptionText;
  const descriptionGiven = description !== english.textareaDescriptionText;

  const attributes: GovukAttributes = {
    "data-module": "govuk-character-count",
    "data-maxlength": { value: maxlength, optional: true },
    "data-maxwords": { value: maxwords, optional: true },
    "data-threshold": { value: threshold, optional: true },
    "data-count-type": { value: countType || false, optional: true },
    // Without a limit the script interpolates the description itself, so it needs the given text.
    ...(hasNoLimit && descriptionGiven ? i18nAttributes("textarea-description", { other: description }) : {}),
    ...i18nAttributes("characters-under-limit", pick("charactersUnderLimitText")),
    ...i18nAttributes("characters-at-limit", pick("charactersAtLimitText")),
    ...i18nAttributes("characters-over-limit", pick("charactersOverLimitText")),
    ...i18nAttributes("words-under-limit", pick("wordsUnderLimitText")),
    ...i18nAttributes("words-at-limit", pick("wordsAtLimitText")),
    ...i18nAttributes("words-over-limit", pick("wordsOverLimitText")),
    ...formGroup?.attributes,
  };

  const countMessageHtml: ReactNode = (
    <>
      <Hint id={`${id}-info`} className={`govuk-character-count__message${countMessage?.className ? ` ${countMessage.className}` : ""}`}>
        {hasNoLimit ? undefined : description.replaceAll("%{count}", String(maxwords || maxlength))}
      </Hint>
      {formGroup?.afterInput?.children}
    </>
  );

  return (
    <Textarea
      id={id}
      name={props.name}
      describedBy={`${id}-info`}
      rows={props.rows}
      spellcheck={props.spellcheck}
      value={props.value}
      formGroup={{
        className: `govuk-character-count${formGroup?.className ? ` ${formGroup.className}` : ""}`,
        attributes,
        beforeInput: formGroup?.beforeInput,
        afterInput: { children: countMessageHtml },
      }}
      className={`govuk-js-character-count${props.className ? ` ${props.className}` : ""}`}
      label={props.label}
      hint={props.hint}
      errorMessage={props.errorMessage}
      attributes={props.attributes}
    />
  );
}
