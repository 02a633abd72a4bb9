import { contentStems, splitQualifier, tokenize } from './normalize';
import { matchTokens, type SkillIndex } from './skill-index';

/**
 * Tunable weights of the lexical ranker. The defaults were chosen on the validation splits of the
 * skill-extraction benchmark as a whole (coarse grid), never on single sentences.
 */
export interface RankParams {
  k1: number;
  b: number;
  /** BM25F field weights: preferred label, alternative labels, description. */
  wPref: number;
  wAlt: number;
  wDesc: number;
  /** Bonus for a label whose content words all occur in the text (in any order), scaled by its length. */
  coverage: number;
  /** Bonus for a label found verbatim (as a phrase) by the matcher. */
  phrase: number;
  /** Weight of log(prior) when priors are given. */
  prior: number;
  /** Penalty per content word of the best-covered label that is missing from the text. */
  missing: number;
}

export const DEFAULT_RANK_PARAMS: RankParams = {
  k1: 2,
  b: 0.75,
  wPref: 5,
  wAlt: 0.5,
  wDesc: 0.15,
  coverage: 1,
  phrase: 1,
  prior: 0.15,
  missing: 0.5,
};

interface Posting {
  skill: number;
  tfPref: number;
  tfAlt: number;
  tfDesc: number;
}

/** Precomputed statistics for BM25F ranking over an index; build once, reuse for every query. */
export interface RankingModel {
  index: SkillIndex;
  postings: Map<string, Posting[]>;
  idf: Map<string, number>;
  lenPref: Float64Array;
  lenAlt: Float64Array;
  lenDesc: Float64Array;
  avgPref: number;
  avgAlt: number;
  avgDesc: number;
  /** Content-stem sets of every label (preferred first), per skill. */
  labelStems: string[][][];
  /** Optional log-prior per skill (0 when unknown). */
  logPrior: Float64Array | null;
}

/**
 * Builds the ranking statistics. `priors` maps skill ids to a probability that the skill is asked
 * for at all (e.g. frequencies in job ads); unknown skills get the smallest known prior.
 */
export function buildRankingModel(index: SkillIndex, priors?: ReadonlyMap<string, number>): RankingModel {
  const n = index.entries.length;
  const postings = new Map<string, Posting[]>();
  const lenPref = new Float64Array(n);
  const lenAlt = new Float64Array(n);
  const lenDesc = new Float64Array(n);
  const labelStems: string[][][] = new Array(n);
  const df = new Map<string, number>();
  index.entries.forEach((e, i) => {
    const counts = new Map<string, Posting>();
    const get = (s: string) => {
      let p = counts.get(s);
      if (!p) {
        p = { skill: i, tfPref: 0, tfAlt: 0, tfDesc: 0 };
        counts.set(s, p);
      }
      return p;
    };
    const prefStems = contentStems(e.preferredLabel);
    lenPref[i] = prefStems.length;
    for (const s of prefStems) get(s).tfPref++;
    const labels: string[][] = [contentStems(splitQualifier(e.preferredLabel).head)];
    const altSeen = new Set<string>();
    for (const a of e.altLabels) {
      const st = contentStems(a);
      labels.push(st);
      for (const s of st) altSeen.add(s);
    }
    // Alternative labels repeat the same words many times; count each distinct word once.
    lenAlt[i] = altSeen.size;
    for (const s of altSeen) get(s).tfAlt++;
    const descStems = contentStems(e.description ?? '');
    lenDesc[i] = descStems.length;
    for (const s of descStems) get(s).tfDesc++;
    labelStems[i] = labels;
    for (const [s, p] of counts) {
      let list = postings.get(s);
      if (!list) postings.set(s, (list = []));
      list.push(p);
      df.set(s, (df.get(s) ?? 0) + 1);
    }
  });
  const idf = new Map<string, number>();
  for (const [s, d] of df) idf.set(s, Math.log(1 + (n - d + 0.5) / (d + 0.5)));
  const avg = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length) || 1;
  let logPrior: Float64Array | null = null;
  if (priors && priors.size) {
    let min = Infinity;
    for (const v of priors.values()) if (v > 0 && v < min) min = v;
    logPrior = new Float64Array(n);
    index.entries.forEach((e, i) => {
      const p = priors.get(e.id);
      logPrior![i] = Math.log(p && p > 0 ? p : min / 2);
    });
    const mean = logPrior.reduce((x, y) => x + y, 0) / n;
    for (let i = 0; i < n; i++) logPrior[i] -= mean;
  }
  return {
    index,
    postings,
    idf,
    lenPref,
    lenAlt,
    lenDesc,
    avgPref: avg(lenPref),
    avgAlt: avg(lenAlt),
    avgDesc: avg(lenDesc),
    labelStems,
    logPrior,
  };
}

export interface RankedSkill {
  skillId: string;
  score: number;
}

/**
 * Ranks skills for a free-text query (one sentence of a job ad): BM25F over preferred labels,
 * alternative labels and descriptions, plus a bonus for labels fully covered by the text's words,
 * a bonus for labels found verbatim by the phrase matcher, and optionally a popularity prior.
 * Only skills sharing at least one word with the text are scored; returns them best first.
 */
export function rankSkills(
  model: RankingModel,
  text: string,
  params: RankParams = DEFAULT_RANK_PARAMS,
  limit = 100,
): RankedSkill[] {
  const tokens = tokenize(text);
  const q = [...new Set(contentStems(text))];
  const qSet = new Set(q);
  const scores = new Map<number, number>();
  const { k1, b } = params;
  for (const s of q) {
    const list = model.postings.get(s);
    if (!list) continue;
    const idf = model.idf.get(s) ?? 0;
    for (const p of list) {
      const i = p.skill;
      const wtf =
        (params.wPref * p.tfPref) / (1 - b + (b * model.lenPref[i]) / model.avgPref) +
        (params.wAlt * p.tfAlt) / (1 - b + (b * model.lenAlt[i]) / model.avgAlt) +
        (params.wDesc * p.tfDesc) / (1 - b + (b * model.lenDesc[i]) / model.avgDesc);
      scores.set(i, (scores.get(i) ?? 0) + (idf * wtf) / (k1 + wtf));
    }
  }
  for (const [i, base] of scores) {
    let bestCov = 0;
    let bestMissing = Infinity;
    for (const st of model.labelStems[i]) {
      if (st.length === 0) continue;
      let have = 0;
      let idfHave = 0;
      let idfAll = 0;
      for (const s of st) {
        const w = model.idf.get(s) ?? 0;
        idfAll += w;
        if (qSet.has(s)) {
          have++;
          idfHave += w;
        }
      }
      const cov = idfAll > 0 ? idfHave / idfAll : 0;
      const missing = st.length - have;
      if (cov > bestCov || (cov === bestCov && missing < bestMissing)) {
        bestCov = cov;
        bestMissing = missing;
      }
    }
    let score = base + params.coverage * bestCov * bestCov - params.missing * Math.min(bestMissing, 4);
    if (model.logPrior) score += params.prior * model.logPrior[i];
    scores.set(i, score);
  }
  for (const m of matchTokens(model.index, text, tokens)) {
    const i = model.index.byId.get(m.skillId);
    if (i === undefined) continue;
    const nTok = tokenize(m.span).length;
    scores.set(i, (scores.get(i) ?? 0) + params.phrase * m.confidence * (1 + 0.25 * (nTok - 1)));
  }
  return [...scores.entries()]
    .sort((a, b2) => b2[1] - a[1] || a[0] - b2[0])
    .slice(0, limit)
    .map(([i, score]) => ({ skillId: model.index.entries[i].id, score }));
}
