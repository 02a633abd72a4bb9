import { stemmer } from 'stemmer';

/**
 * One word of a text after normalization, with its position in the original string so that
 * evidence can quote the exact span a skill was found in.
 */
export interface Token {
  /** Lower-cased, diacritics stripped (`Café` → `cafe`, `C++` → `c++`, `.NET` → `dotnet`). */
  norm: string;
  /** Stemmed form used for matching (`developing` → `develop`). */
  stem: string;
  /** The characters as written (used for case-sensitive acronyms such as `IT` or `LESS`). */
  raw: string;
  /** Start offset (UTF-16 code units) in the original text. */
  start: number;
  /** End offset (exclusive) in the original text. */
  end: number;
  /**
   * True when this token is glued to the next one by intra-word punctuation (`node.js`, `e-commerce`,
   * `CI/CD`): lets label variants match both the split and the merged spelling.
   */
  gluedToNext: boolean;
}

const GLUE_CHARS = new Set(['.', '-', '/', '_', '\u2010', '\u2011', '\u2012', '\u2013']);
const COMBINING_RE = /\p{M}+/gu;
const ALNUM_RE = /[\p{L}\p{N}\p{M}]/u;

/** Common English function words; they never make a skill on their own and are ignored by ranking. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by can could did do does for from had has have he her his how i if in ' +
    'into is it its me my no not of on or our she so such than that the their them then there these they this ' +
    'those to too us very was we were what when where which while who whom why will with would you your yours ' +
    'also any all about after before both each few more most other some own same just over under again further ' +
    'once here only up down out off am should shall may might must etc e g eg ie via per within without across ' +
    'well including include includes'
  ).split(' '),
);

/**
 * Words that count as stop words when ranking free text but that are still allowed inside a label
 * phrase (ESCO has "use experience map" etc.). Kept separate so the phrase matcher is exact.
 */
export function isStopWord(norm: string): boolean {
  return STOP_WORDS.has(norm);
}

/** Lower-cases and strips diacritics; keeps `+` and `#` so `C++`/`C#`/`F#` survive. */
export function foldCase(s: string): string {
  if (ASCII_RE.test(s)) return s.toLowerCase();
  return s.normalize('NFKD').replace(COMBINING_RE, '').toLowerCase();
}

const ASCII_RE = /^[\x00-\x7f]*$/;

const stemCache = new Map<string, string>();

/**
 * Porter stem of a normalized token. Tokens carrying `+`/`#`, digits or fewer than four letters are
 * returned unchanged (stemming `css` or `c++` only creates collisions).
 */
export function stemToken(norm: string): string {
  if (norm.length < 4 || /[^a-z]/.test(norm)) return norm;
  let s = stemCache.get(norm);
  if (s === undefined) {
    s = stemmer(norm);
    if (stemCache.size < 200_000) stemCache.set(norm, s);
  }
  return s;
}

/**
 * Splits text into word tokens with offsets. Linear in the text length. `.NET` (a dot starting a word)
 * becomes `dotnet`; punctuation inside a word (`node.js`, `e-commerce`) splits it but marks the pieces
 * as glued so the matcher can try the merged spelling too.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (!isWordCode(c, text, i)) {
      i++;
      continue;
    }
    const start = i;
    let ascii = c < 128;
    i++;
    while (i < n) {
      c = text.charCodeAt(i);
      if (!isWordCode(c, text, i)) break;
      if (c >= 128) ascii = false;
      i++;
    }
    while (i < n && (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 35)) i++; // trailing + or #
    const end = i;
    const raw = text.slice(start, end);
    let norm = ascii ? raw.toLowerCase() : foldCase(raw);
    let tokStart = start;
    if (
      start > 0 &&
      text.charCodeAt(start - 1) === 46 &&
      (start < 2 || !isWordCode(text.charCodeAt(start - 2), text, start - 2))
    ) {
      norm = 'dot' + norm;
      tokStart = start - 1;
    }
    const prev = tokens[tokens.length - 1];
    if (prev && prev.end === tokStart - 1 && GLUE_CHARS.has(text[tokStart - 1])) prev.gluedToNext = true;
    tokens.push({ norm, stem: stemToken(norm), raw, start: tokStart, end, gluedToNext: false });
  }
  return tokens;
}

function isWordCode(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return ALNUM_RE.test(text[i]);
}

/**
 * The spellings a label is indexed under, each as a list of stemmed tokens: the label as written
 * (punctuation splitting words), and the merged spelling where intra-word punctuation joined pieces
 * (`Node.js` → `node js` and `nodejs`; `e-commerce` → `e commerce` and `ecommerce`). Two- and
 * three-word labels made of short words also get a fully merged variant (`full stack` → `fullstack`).
 */
export function labelVariants(label: string): string[][] {
  return labelVariantsOf(tokenize(label));
}

/** As {@link labelVariants} for an already tokenized label. */
export function labelVariantsOf(toks: readonly Token[]): string[][] {
  if (toks.length === 0) return [];
  const out: string[][] = [toks.map((t) => t.stem)];
  if (toks.some((t) => t.gluedToNext)) {
    const merged: string[] = [];
    let cur = '';
    for (const t of toks) {
      cur += t.norm;
      if (!t.gluedToNext) {
        merged.push(stemToken(cur));
        cur = '';
      }
    }
    if (cur) merged.push(stemToken(cur));
    out.push(merged);
  }
  if (toks.length >= 2 && toks.length <= 3 && toks.every((t) => t.norm.length <= 6)) {
    const all = stemToken(toks.map((t) => t.norm).join(''));
    if (!out.some((v) => v.length === 1 && v[0] === all)) out.push([all]);
  }
  return out;
}

/**
 * Removes a trailing parenthetical qualifier: `Java (computer programming)` → `Java` plus the
 * qualifier, which disambiguation uses as context.
 */
export function splitQualifier(label: string): { head: string; qualifier: string | null } {
  const m = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(label);
  if (!m || !m[1].trim()) return { head: label.trim(), qualifier: null };
  return { head: m[1].trim(), qualifier: m[2].trim() };
}

/** Canonical key for exact label lookup: case-folded, commas dropped, whitespace (NBSP too) collapsed. */
export function labelKey(label: string): string {
  return foldCase(label)
    .replace(/,/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** Stems of the content words of a text, for context overlap and ranking (stop words removed). */
export function contentStems(text: string | readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of typeof text === 'string' ? tokenize(text) : text)
    if (!STOP_WORDS.has(t.norm) && t.norm.length > 1) out.push(t.stem);
  return out;
}

/**
 * A light, conservative inflection stripper (plural -s/-es/-ies, -ed, -ing, final -e, doubled final
 * consonant). Used to double-check single-word label matches, where the Porter stemmer over-conflates
 * ("experiment" and "experience" share a Porter stem; "painting" and "paint" share a light stem).
 */
const lightCache = new Map<string, string>();

export function lightStem(norm: string): string {
  const cached = lightCache.get(norm);
  if (cached !== undefined) return cached;
  const out = lightStemUncached(norm);
  if (lightCache.size < 200_000) lightCache.set(norm, out);
  return out;
}

function lightStemUncached(norm: string): string {
  let w = norm;
  if (w.length <= 3 || /[^a-z]/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  if (w.length > 3 && w[w.length - 1] === w[w.length - 2] && !/[aeiouls]/.test(w[w.length - 1]))
    w = w.slice(0, -1);
  return w;
}
