/**
 * "Print this summary": a button where scripts run (app/browser/application.js
 * makes it open the browser's print dialogue), and without them a sentence
 * saying how to print. The print stylesheet does the rest (styles/application.scss).
 */
export function PrintButton({ text, noScriptText }: { text: string; noScriptText: string }) {
  return (
    <>
      <button type="button" className="govuk-button govuk-button--secondary app-print-button" data-module="govuk-button">
        {text}
      </button>
      <p className="govuk-body app-print-hint">{noScriptText}</p>
    </>
  );
}
