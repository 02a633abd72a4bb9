import {
  contentStems,
  labelKey,
  labelVariantsOf,
  lightStem,
  splitQualifier,
  tokenize,
  type Token,
} from './normalize';
import { PhraseMatcher } from './phrase-matcher';

/** What the engine needs to know about one skill; built by adapters from the taxonomy tables. */
export interface SkillEntry {
  id: string;
  preferredLabel: string;
  altLabels: readonly string[];
  description?: string | null;
  /** Extra disambiguation context, e.g. the labels of broader skills/groups. */
  context?: string | null;
  /**
   * The id this skill is reported as when several frameworks name the same concept (e.g. the ESCO
   * and O*NET "JavaScript" both collapse to the starter skill they are crosswalked to). Candidates
   * sharing a canonical id are not ambiguous with each other.
   */
  canonicalId?: string | null;
  /**
   * A top-level category of the taxonomy (a group nothing is broader than: "engineering", "design"). As
   * one bare word in prose it is usually a company name or a verb, not a requirement.
   */
  umbrella?: boolean;
}

/** How a label occurrence relates to the skill it names. */
export type LabelKind = 'preferred' | 'alt' | 'variant' | 'qualifier_stripped';

interface LabelRef {
  skill: number;
  kind: LabelKind;
  /** When set, the text must show this token in upper case (acronyms like `IT`, `LESS`, `SAS`). */
  upperOnly: boolean;
  /** The label as written, for evidence. */
  label: string;
  /** For one-word labels: the word's light stem, which the text's word must share. */
  word: string | null;
}

/**
 * Label index over a taxonomy: the phrase automaton for exact (normalized, stemmed) label matching
 * plus the data for disambiguation. Build once per taxonomy version and reuse; it is immutable.
 */
export interface SkillIndex {
  readonly entries: readonly SkillEntry[];
  readonly matcher: PhraseMatcher<LabelRef>;
  readonly byId: ReadonlyMap<string, number>;
  readonly byLabelKey: ReadonlyMap<string, number[]>;
  /** Lazily computed context stems per skill (description + qualifier + broader labels). */
  contextCache: Map<number, ReadonlySet<string>>;
}

const BASE_CONFIDENCE: Record<LabelKind, number> = {
  preferred: 0.95,
  alt: 0.9,
  variant: 0.85,
  qualifier_stripped: 0.7,
};

function isAcronymToken(raw: string): boolean {
  return raw.length >= 2 && raw.length <= 5 && /^[A-Z][A-Z0-9]*[+#]*$/.test(raw) && /[A-Z].*[A-Z]/.test(raw);
}

/**
 * Builds the label index. Every preferred and alternative label is registered under all its
 * spellings (split/merged punctuation, qualifier-free head such as `Java` for
 * `Java (computer programming)`). Single-token acronyms (`IT`, `LESS`) only match upper-case text, so
 * "less than" never becomes the LESS style-sheet language.
 */
export function buildSkillIndex(entries: readonly SkillEntry[]): SkillIndex {
  const matcher = new PhraseMatcher<LabelRef>();
  const byId = new Map<string, number>();
  const byLabelKey = new Map<string, number[]>();
  const addKey = (k: string, i: number) => {
    const list = byLabelKey.get(k);
    if (!list) byLabelKey.set(k, [i]);
    else if (!list.includes(i)) list.push(i);
  };
  entries.forEach((e, i) => {
    byId.set(e.id, i);
    const labels: [string, LabelKind][] = [[e.preferredLabel, 'preferred']];
    for (const a of e.altLabels) labels.push([a, 'alt']);
    for (const [label, kind] of labels) {
      const clean = label.trim();
      if (!clean) continue;
      addKey(labelKey(clean), i);
      const { head, qualifier } = splitQualifier(clean);
      const forms: [string, LabelKind][] = [[clean, kind]];
      if (qualifier) {
        forms.push([head, 'qualifier_stripped']);
        addKey(labelKey(head), i);
      }
      for (const [form, formKind] of forms) {
        const toks = tokenize(form);
        if (toks.length === 0) continue;
        const upperOnly = toks.length === 1 && isAcronymToken(toks[0].raw);
        if (toks.length === 1 && toks[0].norm.length === 1 && !upperOnly) continue;
        labelVariantsOf(toks).forEach((variant, vi) => {
          matcher.add(variant, {
            skill: i,
            kind: vi === 0 ? formKind : formKind === 'qualifier_stripped' ? formKind : 'variant',
            upperOnly,
            label: clean,
            word:
              variant.length === 1
                ? lightStem(vi === 0 ? toks[0].norm : toks.map((t) => t.norm).join(''))
                : null,
          });
        });
      }
    }
  });
  matcher.freeze();
  return { entries, matcher, byId, byLabelKey, contextCache: new Map() };
}

/** One skill found in a text, with the span that justified it. */
export interface SkillMatch {
  skillId: string;
  label: string;
  /** The taxonomy label that matched (preferred or alternative). */
  matchedLabel: string;
  kind: LabelKind;
  /** Character offsets of the span in the input text. */
  start: number;
  end: number;
  /** The span as written. */
  span: string;
  /** 0..1: exactness of the label, length of the phrase and how clear the disambiguation was. */
  confidence: number;
  /** How many skills shared this surface form before disambiguation. */
  candidates: number;
}

function contextStems(index: SkillIndex, i: number): ReadonlySet<string> {
  let s = index.contextCache.get(i);
  if (!s) {
    const e = index.entries[i];
    const q = splitQualifier(e.preferredLabel).qualifier ?? '';
    s = new Set(contentStems(`${q} ${e.description ?? ''} ${e.context ?? ''} ${e.altLabels.join(' ')}`));
    index.contextCache.set(i, s);
  }
  return s;
}

function canonicalIndex(index: SkillIndex, i: number): number {
  const c = index.entries[i].canonicalId;
  if (!c) return i;
  const j = index.byId.get(c);
  return j === undefined ? i : j;
}

interface RawHit {
  start: number;
  end: number;
  refs: LabelRef[];
}

/**
 * Finds the skills named in a text. Linear in the text length (one automaton pass), then keeps only
 * maximal phrases ("machine learning" wins over "learning"), and when several skills share a surface
 * form picks the one whose description/context overlaps the surrounding text most, lowering the
 * confidence when that choice is not clear-cut.
 */
export function matchSkills(index: SkillIndex, text: string): SkillMatch[] {
  const tokens = tokenize(text);
  return matchTokens(index, text, tokens);
}

/** As {@link matchSkills} for an already tokenized text. */
export function matchTokens(index: SkillIndex, text: string, tokens: readonly Token[]): SkillMatch[] {
  const stems = tokens.map((t) => t.stem);
  const hits: RawHit[] = [];
  index.matcher.scan(stems, (h) => {
    const single = h.endToken - h.startToken === 1;
    const refs = h.payloads.filter((r) => {
      if (r.word !== null && single && lightStem(tokens[h.startToken].norm) !== r.word) return false;
      if (!r.upperOnly) return true;
      const raw = tokens[h.startToken].raw;
      return single && raw === raw.toUpperCase();
    });
    if (refs.length) hits.push({ start: h.startToken, end: h.endToken, refs });
  });
  if (hits.length === 0) return [];
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const covered = new Uint8Array(tokens.length);
  const kept: RawHit[] = [];
  for (const h of hits) {
    let contained = true;
    for (let t = h.start; t < h.end; t++)
      if (!covered[t]) {
        contained = false;
        break;
      }
    if (contained) continue;
    kept.push(h);
    for (let t = h.start; t < h.end; t++) covered[t] = 1;
  }
  let textStems: Set<string> | null = null;
  const best = new Map<number, SkillMatch>();
  for (const h of kept) {
    const bySkill = new Map<number, LabelRef>();
    for (const r of h.refs) {
      const canon = canonicalIndex(index, r.skill);
      const ref = canon === r.skill ? r : { ...r, skill: canon };
      const prev = bySkill.get(canon);
      if (!prev || BASE_CONFIDENCE[ref.kind] > BASE_CONFIDENCE[prev.kind]) bySkill.set(canon, ref);
    }
    let chosen: LabelRef[] = [...bySkill.values()];
    let clarity = 1;
    if (chosen.length > 1) {
      textStems ??= new Set(contentStems(tokens));
      const scored = chosen
        .map((r) => {
          let overlap = 0;
          for (const s of contextStems(index, r.skill)) if (textStems!.has(s)) overlap++;
          return { r, score: overlap + BASE_CONFIDENCE[r.kind] };
        })
        .sort((a, b) => b.score - a.score);
      const margin = scored[0].score - scored[1].score;
      clarity = margin >= 1 ? 0.9 : margin > 0.04 ? 0.75 : 0.55;
      chosen = [scored[0].r];
    }
    const r = chosen[0];
    const startChar = tokens[h.start].start;
    const endChar = tokens[h.end - 1].end;
    const nTok = h.end - h.start;
    let conf = BASE_CONFIDENCE[r.kind] * clarity;
    if (nTok === 1 && !r.upperOnly && tokens[h.start].norm.length <= 3) conf *= 0.75;
    if (nTok >= 2) conf = Math.min(1, conf + 0.03 * (nTok - 1));
    conf = Math.round(conf * 1000) / 1000;
    const e = index.entries[r.skill];
    const prev = best.get(r.skill);
    if (!prev || conf > prev.confidence) {
      best.set(r.skill, {
        skillId: e.id,
        label: e.preferredLabel,
        matchedLabel: r.label,
        kind: r.kind,
        start: startChar,
        end: endChar,
        span: text.slice(startChar, endChar),
        confidence: conf,
        candidates: bySkill.size,
      });
    }
  }
  return [...best.values()].sort((a, b) => a.start - b.start || b.confidence - a.confidence);
}

/** Exact label lookup (case, commas and whitespace ignored); returns skill ids. */
export function lookupLabel(index: SkillIndex, label: string): string[] {
  return (index.byLabelKey.get(labelKey(label)) ?? []).map((i) => index.entries[i].id);
}
