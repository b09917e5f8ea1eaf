/**
 * A bar chart drawn on the server as SVG: it needs no script, and carries no
 * style attribute or element (the Content-Security-Policy allows neither),
 * only SVG's own presentation attributes. Each month is a group of bars, one
 * per series, each labelled with its number, so no colour has to be told
 * apart to read it. It is one image to assistive technology, named by
 * `title`, which points to the table holding the same figures.
 */

type Props = {
  id: string;
  /** The chart's accessible name: what it shows, and which table gives the same figures. */
  title: string;
  /** What each bar in a group stands for, in order. */
  series: readonly string[];
  /** One group of bars per row, in the order of `series`: each bar's value, and that value as the page writes it. */
  rows: readonly { label: string; bars: readonly { value: number; text: string }[] }[];
};

// GOV.UK's blue, green and purple: each has at least 3:1 contrast with white (WCAG 1.4.11).
const COLOURS = ["#1d70b8", "#00703c", "#4c2c92"];
const TEXT = "#0b0c0c";
// Drawn for a phone's width (at 375 px the text is about 14 px); on a desktop it takes half the page.
const WIDTH = 360;
const LABEL_WIDTH = 104;
const BAR_HEIGHT = 11;
const BAR_GAP = 3;
const GROUP_GAP = 13;
const LEGEND_ROW = 22;
const FONT = 15;
const TOP = 4;
// The page's own font (styles/application.scss): SVG text does not take it from the page's classes.
const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** The top of the scale: the largest value rounded up to 1, 2 or 5 times a power of ten. */
function scaleTop(largest: number): number {
  if (largest <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(largest));
  return [1, 2, 5, 10].map((step) => step * power).find((top) => top >= largest)!;
}

export function FiguresChart({ id, title, series, rows }: Props) {
  const top = scaleTop(Math.max(0, ...rows.flatMap((row) => row.bars.map((bar) => bar.value))));
  // Room after the longest bar for its number.
  const barSpace = WIDTH - LABEL_WIDTH - 50;
  const legendHeight = TOP + series.length * LEGEND_ROW + 8;
  const groupHeight = series.length * BAR_HEIGHT + (series.length - 1) * BAR_GAP;
  const height = legendHeight + rows.length * (groupHeight + GROUP_GAP);
  return (
    <svg
      id={id}
      className="govuk-!-width-one-half govuk-!-margin-bottom-6"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      fontFamily={FONT_FAMILY}
      role="img"
      // The name is an attribute rather than a <title> element: a page has one <title>, its own.
      aria-label={title}
    >
      {series.map((name, index) => (
        <g key={name}>
          <rect x={0} y={TOP + index * LEGEND_ROW} width={15} height={15} fill={COLOURS[index % COLOURS.length]} />
          <text x={22} y={TOP + index * LEGEND_ROW + 12} fontSize={FONT} fill={TEXT}>
            {name}
          </text>
        </g>
      ))}
      {rows.map((row, rowIndex) => {
        const groupTop = legendHeight + rowIndex * (groupHeight + GROUP_GAP);
        return (
          <g key={row.label}>
            <text x={LABEL_WIDTH - 8} y={groupTop + groupHeight / 2 + FONT / 3} fontSize={FONT} fill={TEXT} textAnchor="end">
              {row.label}
            </text>
            {row.bars.map((bar, index) => {
              const y = groupTop + index * (BAR_HEIGHT + BAR_GAP);
              const width = (Math.max(0, bar.value) / top) * barSpace;
              return (
                <g key={index}>
                  <rect x={LABEL_WIDTH} y={y} width={width} height={BAR_HEIGHT} fill={COLOURS[index % COLOURS.length]} />
                  <text x={LABEL_WIDTH + width + 5} y={y + BAR_HEIGHT - 1} fontSize={FONT - 2} fill={TEXT}>
                    {bar.text}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      <line x1={LABEL_WIDTH} y1={legendHeight - 4} x2={LABEL_WIDTH} y2={height} stroke={TEXT} strokeWidth={1} />
    </svg>
  );
}
