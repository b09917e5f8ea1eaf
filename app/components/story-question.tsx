import type { TFunction } from "i18next";
import { Fragment } from "react";
import type { Form } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { CharacterCount } from "#app/components/govuk/character-count";
import { Checkboxes } from "#app/components/govuk/checkboxes";
import { ErrorMessage } from "#app/components/govuk/error-message";
import { Fieldset } from "#app/components/govuk/fieldset";
import { Input } from "#app/components/govuk/input";
import { Radios } from "#app/components/govuk/radios";
import { useTranslation } from "#app/i18n/use-translation";
import {
  addButtonId,
  fieldKey,
  pageHeadingKey,
  itemFieldId,
  itemsFromValues,
  isVoiced,
  voiceName,
  type Field,
  type ItemField,
  type ListField,
  type QuestionPage,
  type StorySection,
} from "#app/models/story-sections";

/** `forName`: in a story written for someone else, their name, for asking whose words each voiced answer is. */
type Props = { section: StorySection; page: QuestionPage; form: Form; forName?: string | null };

type Heading = { isPageHeading: boolean; size: "l" | "m" | undefined };

/** One text box or text area, however it is labelled. */
function TextQuestion({
  field,
  id,
  labelKey,
  number,
  heading,
  form,
  t,
}: {
  field: ItemField;
  id: string;
  labelKey: string;
  number?: number;
  heading: Heading;
  form: Form;
  t: TFunction;
}) {
  const label = {
    children: t(`${labelKey}.label`, { number }),
    isPageHeading: heading.isPageHeading,
    className: heading.size ? `govuk-label--${heading.size}` : undefined,
  };
  const hint = { children: t(`${labelKey}.hint`, { number }) };
  if (field.kind === "textarea") {
    return (
      <CharacterCount
        {...form.field(id)}
        rows={field.rows}
        maxlength={field.maxLength}
        textareaDescriptionText={t("story:question.limit", { limit: field.maxLength })}
        label={label}
        hint={hint}
        attributes={field.autocomplete ? { autocomplete: field.autocomplete } : undefined}
      />
    );
  }
  return (
    <Input
      {...form.field(id)}
      type={field.format === "email" ? "email" : field.format === "phone" ? "tel" : "text"}
      className={field.format ? "govuk-input--width-20" : undefined}
      autocomplete={field.autocomplete}
      spellcheck={field.format ? false : undefined}
      label={label}
      hint={hint}
    />
  );
}

function ListQuestion({ section, list, form, t }: { section: StorySection; list: ListField; form: Form; t: TFunction }) {
  const key = fieldKey(section, list);
  // Someone arriving with nothing saved yet gets one empty item to fill in.
  const count = Math.max(1, itemsFromValues(list, form.values).length);
  const tooMany = form.errorMessage(addButtonId(list));
  return (
    <>
      {Array.from({ length: count }, (_, index) => (
        <Fieldset key={index} legend={{ children: t(`${key}.item`, { number: index + 1 }), className: "govuk-fieldset__legend--m" }}>
          {list.item.map((itemField) => (
            <TextQuestion
              key={itemField.name}
              field={itemField}
              id={itemFieldId(list, index, itemField)}
              labelKey={fieldKey(section, list, itemField)}
              number={index + 1}
              heading={{ isPageHeading: false, size: undefined }}
              form={form}
              t={t}
            />
          ))}
          {count > 1 ? (
            <Button className="govuk-button--secondary" name="intent" value={`remove-${index + 1}`}>
              {t(`${key}.remove`)}
              <span className="govuk-visually-hidden"> {t(`${key}.removeHidden`, { number: index + 1 })}</span>
            </Button>
          ) : null}
        </Fieldset>
      ))}
      <div className={tooMany ? "govuk-form-group govuk-form-group--error" : "govuk-form-group"}>
        {tooMany ? <ErrorMessage id={`${addButtonId(list)}-error`} {...tooMany} /> : null}
        <Button id={addButtonId(list)} className="govuk-button--secondary govuk-!-margin-bottom-0" name="intent" value="add">
          {t(`${key}.add`)}
        </Button>
      </div>
    </>
  );
}

/**
 * The questions of one page, from the section registry. A page with one
 * question uses it as the page heading; a page with several has its own heading.
 */
export function StoryQuestion({ section, page, form, forName = null }: Props) {
  const { t } = useTranslation();
  const fields = page.fields as readonly Field[];
  const single = fields.length === 1 && fields[0].kind !== "list";
  const heading: Heading = single ? { isPageHeading: true, size: "l" } : { isPageHeading: false, size: "m" };
  const pageKey = `story:pages.${section.id}.${page.id}`;
  const hasList = fields.some((field) => field.kind === "list");
  return (
    <>
      {single ? null : <h1 className="govuk-heading-l">{t(pageHeadingKey(section, page))}</h1>}
      {hasList ? <p className="govuk-body">{t(`${pageKey}.intro`)}</p> : null}
      {fields.map((field) => {
        const key = fieldKey(section, field);
        switch (field.kind) {
          case "list":
            return <ListQuestion key={field.name} section={section} list={field} form={form} t={t} />;
          case "checkboxes":
          case "radios": {
            const common = {
              fieldset: {
                legend: { children: t(`${key}.label`), isPageHeading: heading.isPageHeading, className: `govuk-fieldset__legend--${heading.size}` },
              },
              hint: { children: t(`${key}.hint`) },
              items: field.options.map((option) => ({ value: option, children: t(`${key}.options.${option}`) })),
            };
            return field.kind === "checkboxes" ? (
              <Checkboxes key={field.name} {...common} {...form.checkboxes(field.name)} />
            ) : (
              <Radios key={field.name} {...common} {...form.radios(field.name)} />
            );
          }
          default:
            return (
              <Fragment key={field.name}>
                <TextQuestion field={field} id={field.name} labelKey={key} heading={heading} form={form} t={t} />
                {forName !== null && isVoiced(field) ? (
                  <Radios
                    {...form.radios(voiceName(field))}
                    fieldset={{ legend: { children: t("story:voice.legend"), className: "govuk-fieldset__legend--s" } }}
                    items={[
                      { value: "theirs", children: t("story:voice.theirs", { name: forName }) },
                      { value: "mine", children: t("story:voice.mine") },
                    ]}
                  />
                ) : null}
              </Fragment>
            );
        }
      })}
    </>
  );
}
