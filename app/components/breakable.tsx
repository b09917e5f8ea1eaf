import { Fragment } from "react";

/**
 * Text with no spaces (a domain name, an id) that may break after each dot,
 * @ or hyphen, so a narrow table cell wraps it rather than widening the table
 * past a phone's screen: a table cell is as wide as its longest unbreakable run.
 */
export function Breakable({ text }: { text: string }) {
  const pieces = text.split(/(?<=[.@\-_:/])/);
  return (
    <>
      {pieces.map((piece, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {piece}
        </Fragment>
      ))}
    </>
  );
}
