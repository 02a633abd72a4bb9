/** Renders a GitHub-flavoured Markdown table; cells are stringified, pipes escaped. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown) =>
    (v === null || v === undefined ? '' : String(v)).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `| ${headers.map(cell).join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${headers.map((_, i) => cell(r[i])).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** Formats a number for a table: 3 significant digits below 100, integers above. */
export function fmt(x: number | null | undefined, unit = ''): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const abs = Math.abs(x);
  const s =
    abs >= 100
      ? Math.round(x).toLocaleString('en-US')
      : abs >= 10
        ? x.toFixed(1)
        : abs >= 1
          ? x.toFixed(2)
          : x.toPrecision(2);
  return unit ? `${s} ${unit}` : s;
}

/** "12.3×" — how many times better the measured figure is than its baseline. */
export function fmtRatio(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
}
