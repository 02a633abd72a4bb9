import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/** One problem found in an input file; `line` is 1-based in that file (0 when not line-specific). */
export interface ImportProblem {
  file: string;
  line: number;
  message: string;
}

/** Thrown when an import run found problems; nothing has been written. */
export class ImportValidationError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(
      `Import refused: ${problems.length} problem(s) in the input files. Nothing was written.\n` +
        problems
          .slice(0, 50)
          .map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`)
          .join('\n') +
        (problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''),
    );
    this.name = 'ImportValidationError';
  }
}

/** A parsed table: rows as objects plus the source line each row starts on. */
export interface Table {
  file: string;
  rows: Record<string, string>[];
  lines: number[];
}

/** Returns the first of `names` that exists in `dir`, or null. */
export function findFile(dir: string, names: readonly string[]): string | null {
  for (const n of names) {
    const p = path.join(dir, n);
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * Reads a delimited file (RFC 4180 CSV, or tab-delimited text as O*NET ships it) and checks that the
 * required columns exist. Broken quoting and wrong column counts are reported with line numbers
 * instead of throwing, so one run can list every problem.
 */
export function readTable(
  filePath: string,
  required: readonly string[],
  problems: ImportProblem[],
  opts: { delimiter?: string; headerAliases?: Record<string, string> } = {},
): Table | null {
  const file = path.basename(filePath);
  let content: string;
  try {
    content = readFileSync(filePath, 'utf8');
  } catch (e) {
    problems.push({ file, line: 0, message: `cannot read file: ${(e as Error).message}` });
    return null;
  }
  const delimiter = opts.delimiter ?? (file.endsWith('.txt') ? '\t' : ',');
  let records: { record: string[]; info: { lines: number } }[];
  if (delimiter === '\t' || !content.includes('"')) {
    // No quoting anywhere (tab-delimited O*NET files, ESCO relation tables): a plain split is exact
    // and an order of magnitude faster than the general parser.
    records = fastSplit(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content, delimiter);
  } else {
    try {
      records = parse(content, {
        bom: true,
        delimiter,
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
      }) as unknown as { record: string[]; info: { lines: number } }[];
    } catch (e) {
      const err = e as Error & { lines?: number };
      problems.push({ file, line: err.lines ?? 0, message: `malformed file: ${err.message}` });
      return null;
    }
  }
  if (records.length === 0) {
    problems.push({ file, line: 1, message: 'empty file (no header row)' });
    return null;
  }
  const aliases = opts.headerAliases ?? {};
  const header = records[0].record.map((h) => {
    const t = h.trim();
    return aliases[t] ?? t;
  });
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    problems.push({ file, line: 1, message: `missing column(s): ${missing.join(', ')}` });
    return null;
  }
  const rows: Record<string, string>[] = [];
  const lines: number[] = [];
  let prevEnd = records[0].info.lines;
  for (let r = 1; r < records.length; r++) {
    const { record, info } = records[r];
    const startLine = prevEnd + 1;
    prevEnd = info.lines;
    if (record.length !== header.length) {
      problems.push({
        file,
        line: startLine,
        message: `expected ${header.length} fields, found ${record.length}`,
      });
      continue;
    }
    const row: Record<string, string> = {};
    for (let c = 0; c < header.length; c++) row[header[c]] = record[c];
    rows.push(row);
    lines.push(startLine);
  }
  return { file, rows, lines };
}

function fastSplit(content: string, delimiter: string): { record: string[]; info: { lines: number } }[] {
  const out: { record: string[]; info: { lines: number } }[] = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    out.push({ record: line.split(delimiter), info: { lines: i + 1 } });
  }
  return out;
}

/** Splits a multi-valued label cell: `|` in the extract layout, newlines in the official one. */
export function splitLabels(cell: string | undefined): string[] {
  if (!cell) return [];
  const parts = cell.split(/\r?\n|\|/);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of parts) {
    const t = p.replace(/\u00a0/g, ' ').trim();
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out;
}
