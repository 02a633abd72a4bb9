/**
 * `npm run eval:skills [-- --data DIR] [--esco DIR] [--no-priors] [--json]`
 *
 * Evaluates the skill extractor on the skill-extraction benchmark layout (Decorte et al.):
 * `<name>_annotations.csv` files with `sentence, span, sub_span, label`. Protocol as in the
 * benchmark README / techwolf-ai/workrb: rows grouped by sentence, relevant set = distinct labels
 * minus `LABEL NOT PRESENT` and `UNDERSPECIFIED` (sentences left empty are dropped), every ESCO
 * skill is ranked for each sentence; RP@k = |relevant ∩ top k| / min(k, |relevant|), MRR = mean of
 * 1/rank of the first relevant skill. Precision and recall are of the product's phrase matcher
 * output (the skills it would propose for the sentence), micro-averaged over queries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { readEscoDir } from '@/server/adapters/taxonomy/esco-files';
import type { ImportProblem } from '@/server/adapters/taxonomy/csv-table';
import { labelKey } from '@/server/domain/skills/normalize';
import {
  buildRankingModel,
  DEFAULT_RANK_PARAMS,
  rankSkills,
  type RankingModel,
  type RankParams,
} from '@/server/domain/skills/rank-skills';
import { groupQueries, reciprocalRank, rPrecisionAtK } from '@/server/domain/skills/ranking-metrics';
import { buildSkillIndex, matchSkills, type SkillEntry } from '@/server/domain/skills/skill-index';

const SHARED = process.env.SKILLGRAPH_SHARED_DIR ?? path.resolve(process.cwd(), '../shared');

interface Args {
  data: string;
  esco: string;
  json: boolean;
  priors: boolean;
  tune: boolean;
  showErrors: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    data: path.join(SHARED, 'data/skill-extraction-benchmark'),
    esco: path.join(SHARED, 'data/esco'),
    json: false,
    priors: true,
    tune: false,
    showErrors: 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--data') a.data = path.resolve(argv[++i]);
    else if (k === '--esco') a.esco = path.resolve(argv[++i]);
    else if (k === '--json') a.json = true;
    else if (k === '--no-priors') a.priors = false;
    else if (k === '--tune') a.tune = true;
    else if (k === '--show-errors') a.showErrors = Number(argv[++i]);
    else if (k === '--help' || k === '-h') {
      console.log('usage: npm run eval:skills -- [--data DIR] [--esco DIR] [--no-priors] [--tune] [--json]');
      process.exit(0);
    } else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

interface Query {
  sentence: string;
  relevant: Set<string>;
}

function loadQueries(file: string, idsByKey: Map<string, string>, unresolved: Set<string>): Query[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as {
    sentence: string;
    label: string;
  }[];
  return groupQueries(rows).map((q) => ({
    sentence: q.sentence,
    relevant: new Set(
      q.labels.map((label) => {
        const id = idsByKey.get(labelKey(label));
        if (id) return id;
        unresolved.add(label);
        return `unresolved:${label}`;
      }),
    ),
  }));
}

interface Figures {
  queries: number;
  rp5: number;
  rp10: number;
  mrr: number;
  precision: number;
  recall: number;
}

function evaluate(
  model: RankingModel,
  queries: Query[],
  params: RankParams,
  fallbackOrder: string[],
  withMatcher = true,
): Figures {
  let rp5 = 0;
  let rp10 = 0;
  let mrr = 0;
  let tp = 0;
  let predicted = 0;
  let relevantTotal = 0;
  for (const q of queries) {
    const ranked = rankSkills(model, q.sentence, params, 2000).map((r) => r.skillId);
    rp5 += rPrecisionAtK(ranked, q.relevant, 5);
    rp10 += rPrecisionAtK(ranked, q.relevant, 10);
    const rr = reciprocalRank(ranked, q.relevant);
    let rank = rr > 0 ? Math.round(1 / rr) : 0;
    if (rank === 0) {
      // The rest of ESCO follows in a fixed order (prior, then label): the first relevant one's rank.
      const seen = new Set(ranked);
      let pos = ranked.length;
      for (const id of fallbackOrder) {
        if (seen.has(id)) continue;
        pos++;
        if (q.relevant.has(id)) {
          rank = pos;
          break;
        }
      }
    }
    if (rank > 0) mrr += 1 / rank;
    if (!withMatcher) continue;
    const proposed = new Set(matchSkills(model.index, q.sentence).map((m) => m.skillId));
    predicted += proposed.size;
    relevantTotal += q.relevant.size;
    for (const id of proposed) if (q.relevant.has(id)) tp++;
  }
  const n = queries.length || 1;
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    queries: queries.length,
    rp5: r3(rp5 / n),
    rp10: r3(rp10 / n),
    mrr: r3(mrr / n),
    precision: r3(predicted ? tp / predicted : 0),
    recall: r3(relevantTotal ? tp / relevantTotal : 0),
  };
}

const PUBLISHED: Record<string, string> = {
  tech: 'BM25 labels (val): RP@5 0.548 MRR 0.516 · ConTeXT-match (test): RP@5 0.640 MRR 0.632',
  house: 'BM25 labels (val): RP@5 0.314 MRR 0.242 · CurriculumMatch (test): RP@5 0.491 MRR 0.484',
};

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  let files: string[];
  try {
    files = readdirSync(args.data).filter((f) => f.endsWith('_annotations.csv'));
  } catch {
    console.error(`No benchmark data at ${args.data} (set --data or SKILLGRAPH_SHARED_DIR).`);
    process.exit(2);
  }
  const t0 = performance.now();
  const problems: ImportProblem[] = [];
  const esco = readEscoDir(args.esco, problems);
  if (!esco || problems.length) {
    console.error(`Cannot read ESCO from ${args.esco}:`);
    for (const p of problems.slice(0, 20)) console.error(`  ${p.file}:${p.line} ${p.message}`);
    process.exit(2);
  }
  const labelOf = new Map<string, string>();
  for (const s of esco.skills) labelOf.set(s.uri, s.preferredLabel);
  for (const g of esco.groups) labelOf.set(g.uri, g.preferredLabel);
  const broaderLabels = new Map<string, string[]>();
  for (const b of esco.broader) {
    const l = labelOf.get(b.broaderUri);
    if (!l) continue;
    const list = broaderLabels.get(b.uri);
    if (list) list.push(l);
    else broaderLabels.set(b.uri, [l]);
  }
  const entries: SkillEntry[] = esco.skills.map((s) => ({
    id: s.uri,
    preferredLabel: s.preferredLabel,
    altLabels: s.altLabels,
    description: s.description,
    context: (broaderLabels.get(s.uri) ?? []).join(' '),
  }));
  const index = buildSkillIndex(entries);
  const idsByKey = new Map<string, string>();
  for (const s of esco.skills) idsByKey.set(labelKey(s.preferredLabel), s.uri);

  let priors: Map<string, number> | undefined;
  const priorsFile = path.join(args.data, 'esco_priors.json');
  if (args.priors) {
    try {
      const raw = JSON.parse(readFileSync(priorsFile, 'utf8')) as Record<string, number>;
      priors = new Map();
      for (const [label, p] of Object.entries(raw)) {
        const id = idsByKey.get(labelKey(label));
        if (id) priors.set(id, p);
      }
    } catch {
      priors = undefined;
    }
  }
  const model = buildRankingModel(index, priors);
  const fallbackOrder = [...esco.skills]
    .sort(
      (a, b) =>
        (priors?.get(b.uri) ?? 0) - (priors?.get(a.uri) ?? 0) ||
        a.preferredLabel.localeCompare(b.preferredLabel),
    )
    .map((s) => s.uri);
  const loadMs = performance.now() - t0;

  const unresolved = new Set<string>();
  const datasets = files.map((f) => ({
    name: f.replace(/_annotations\.csv$/, ''),
    queries: loadQueries(path.join(args.data, f), idsByKey, unresolved),
  }));

  if (args.tune) {
    tune(model, datasets, fallbackOrder);
    return;
  }

  const baselineParams: RankParams = {
    ...DEFAULT_RANK_PARAMS,
    wPref: 1,
    wAlt: 1,
    wDesc: 0,
    coverage: 0,
    phrase: 0,
    prior: 0,
    missing: 0,
  };
  const results: Record<string, Figures> = {};
  const lines: string[] = [
    `Skill extraction on ${args.data} — ${esco.skills.length} ESCO skills, priors ${priors ? 'on' : 'off'}, ` +
      `index+model built in ${(loadMs / 1000).toFixed(1)} s`,
    '',
    '| dataset | queries | RP@5 | RP@10 | MRR | precision | recall | in-run BM25F-labels RP@5 / MRR | published |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const d of datasets) {
    const f = evaluate(model, d.queries, DEFAULT_RANK_PARAMS, fallbackOrder);
    const base = evaluate(model, d.queries, baselineParams, fallbackOrder);
    results[d.name] = f;
    const key = d.name.split('_')[0];
    lines.push(
      `| ${d.name} | ${f.queries} | ${f.rp5.toFixed(3)} | ${f.rp10.toFixed(3)} | ${f.mrr.toFixed(3)} | ` +
        `${f.precision.toFixed(3)} | ${f.recall.toFixed(3)} | ${base.rp5.toFixed(3)} / ${base.mrr.toFixed(3)} | ` +
        `${PUBLISHED[key] ?? '—'} |`,
    );
  }
  if (args.showErrors > 0) {
    const label = (id: string) => entries[index.byId.get(id) ?? -1]?.preferredLabel ?? id;
    for (const d of datasets) {
      lines.push('', `Queries of ${d.name} with no relevant skill in the top 5 (first ${args.showErrors}):`);
      let shown = 0;
      for (const q of d.queries) {
        const top = rankSkills(model, q.sentence, DEFAULT_RANK_PARAMS, 5).map((r) => r.skillId);
        if (top.some((id) => q.relevant.has(id))) continue;
        if (shown++ >= args.showErrors) break;
        lines.push(
          `- "${q.sentence.slice(0, 140)}"`,
          `    gold: ${[...q.relevant].map(label).join('; ')}`,
          `    top5: ${top.map(label).join('; ')}`,
        );
      }
    }
  }
  if (unresolved.size)
    lines.push(
      '',
      `Unresolved labels (counted as relevant, never retrievable): ${[...unresolved].join('; ')}`,
    );
  lines.push(
    '',
    'Precision/recall: skills proposed by the exact phrase matcher (what credential mapping stores) vs. the gold labels, micro-averaged.',
    'This service uses the ESCO classification of the European Commission.',
  );
  if (!args.json) console.log(lines.join('\n'));
  else {
    console.log(lines.join('\n'));
    const out: Record<
      string,
      { rp5: number; mrr: number; precision: number; recall: number; rp10: number; queries: number }
    > = {};
    for (const [k, v] of Object.entries(results)) out[k] = v;
    console.log(JSON.stringify(out));
  }
}

/**
 * Coordinate descent over the ranker's weights on the mean RP@5 of all given splits (whole splits,
 * never single sentences). Prints the best parameter set; copy it into DEFAULT_RANK_PARAMS deliberately.
 */
function tune(
  model: RankingModel,
  datasets: { name: string; queries: Query[] }[],
  fallbackOrder: string[],
): void {
  const grid: Partial<Record<keyof RankParams, number[]>> = {
    wPref: [1, 2, 3, 5],
    wAlt: [0.5, 1, 1.5, 2.5],
    wDesc: [0, 0.15, 0.3, 0.6],
    coverage: [0.5, 1, 2, 3, 5],
    phrase: [0, 1, 2, 3, 5],
    prior: [0, 0.15, 0.3, 0.5, 0.8],
    missing: [0, 0.25, 0.5, 1],
    k1: [0.8, 1.2, 2],
    b: [0.3, 0.75, 1],
  };
  const objective = (p: RankParams) => {
    const figs = datasets.map((d) => evaluate(model, d.queries, p, fallbackOrder, false));
    return { figs, value: figs.reduce((s, f) => s + f.rp5 + 0.25 * f.mrr, 0) / figs.length };
  };
  let best = { ...DEFAULT_RANK_PARAMS };
  let bestVal = objective(best).value;
  for (let pass = 0; pass < 2; pass++) {
    for (const key of Object.keys(grid) as (keyof RankParams)[]) {
      for (const v of grid[key]!) {
        if (v === best[key]) continue;
        const cand = { ...best, [key]: v };
        const r = objective(cand);
        if (r.value > bestVal + 1e-9) {
          best = cand;
          bestVal = r.value;
          console.log(
            bestVal.toFixed(4),
            r.figs.map((f) => `${f.rp5}/${f.mrr}`).join(' '),
            JSON.stringify(best),
          );
        }
      }
    }
  }
  console.log('best', JSON.stringify(best));
}

main();
