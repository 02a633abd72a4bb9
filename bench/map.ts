/**
 * `npm run bench:map [-- --texts N] [--esco DIR] [--json]`
 *
 * Skill-mapping throughput on one core: 1,000-word job descriptions against the full ESCO label set
 * (preferred + alternative labels). Job descriptions are assembled deterministically from the real
 * job-ad sentences in ../shared/data/jobs (Green et al. 2022), or from ESCO descriptions when that
 * folder is absent. In-run baseline: the naive approach the phrase automaton replaces — for every
 * text, test every label with a word-boundary `includes` loop over all labels.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { readEscoDir } from '@/server/adapters/taxonomy/esco-files';
import type { ImportProblem } from '@/server/adapters/taxonomy/csv-table';
import { extractJobSkills } from '@/server/domain/skills/extract-job-skills';
import { buildSkillIndex, matchSkills, type SkillEntry } from '@/server/domain/skills/skill-index';
import { seededRandom } from '@/db/seed/demo-candidates';

const SHARED = process.env.SKILLGRAPH_SHARED_DIR ?? path.resolve(process.cwd(), '../shared');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
}

function makeTexts(n: number, sentences: string[]): string[] {
  const rnd = seededRandom(42);
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    let words = 0;
    while (words < 1000) {
      const s = sentences[Math.floor(rnd() * sentences.length)];
      parts.push(s);
      words += s.split(/\s+/).length;
    }
    texts.push(
      parts
        .join(rnd() < 0.3 ? '\n' : ' ')
        .split(/\s+/)
        .slice(0, 1000)
        .join(' '),
    );
  }
  return texts;
}

function main(): void {
  const json = process.argv.includes('--json');
  const nTexts = Number(arg('texts') ?? 300);
  const escoDir = arg('esco') ?? path.join(SHARED, 'data/esco');
  const problems: ImportProblem[] = [];
  const esco = readEscoDir(escoDir, problems);
  if (!esco || problems.length) {
    console.error(`Cannot read ESCO at ${escoDir} (set --esco or SKILLGRAPH_SHARED_DIR).`);
    process.exit(2);
  }
  const entries: SkillEntry[] = esco.skills.map((s) => ({
    id: s.uri,
    preferredLabel: s.preferredLabel,
    altLabels: s.altLabels,
    description: s.description,
  }));
  const labelCount = entries.reduce((n, e) => n + 1 + e.altLabels.length, 0);

  const spansFile = path.join(SHARED, 'data/jobs/green2022-job-description-entities/spans.csv');
  let sentences: string[];
  let source: string;
  if (fs.existsSync(spansFile)) {
    const rows = parse(fs.readFileSync(spansFile, 'utf8'), { columns: true }) as { sentence: string }[];
    sentences = [...new Set(rows.map((r) => r.sentence))];
    source = 'Green et al. 2022 job-ad sentences';
  } else {
    sentences = esco.skills.slice(0, 2000).map((s) => s.description ?? s.preferredLabel);
    source = 'ESCO descriptions (job-ad corpus absent)';
  }
  const texts = makeTexts(nTexts, sentences);

  // Matcher load: building the automaton over every label (median of 3 builds).
  const loads: number[] = [];
  const loadsCpu: number[] = [];
  let index = buildSkillIndex(entries);
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    index = buildSkillIndex(entries);
    loads.push(performance.now() - t0);
    loadsCpu.push(cpuMs(c0));
  }
  loads.sort((a, b) => a - b);
  loadsCpu.sort((a, b) => a - b);
  const loadMs = loads[1];
  const loadCpuMs = loadsCpu[1];

  for (const t of texts.slice(0, 20)) matchSkills(index, t);
  let found = 0;
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  for (const t of texts) found += matchSkills(index, t).length;
  const matchMs = performance.now() - t0;
  const matchCpuMs = cpuMs(c0);
  t0 = performance.now();
  c0 = process.cpuUsage();
  let proposed = 0;
  for (const t of texts) proposed += extractJobSkills(t, index).length;
  const extractMs = performance.now() - t0;
  const extractCpuMs = cpuMs(c0);

  // Baseline: naive scan of every label over every text (few texts: it is slow).
  const labels = entries
    .flatMap((e) => [e.preferredLabel, ...e.altLabels])
    .map((l) => ` ${l.toLowerCase()} `);
  const baseTexts = texts.slice(0, Math.max(3, Math.min(10, Math.floor(nTexts / 30))));
  t0 = performance.now();
  let naiveFound = 0;
  for (const t of baseTexts) {
    const hay = ` ${t.toLowerCase().replace(/[^\p{L}\p{N}+#]+/gu, ' ')} `;
    for (const l of labels) if (hay.includes(l)) naiveFound++;
  }
  const naiveMs = performance.now() - t0;
  const load = os.loadavg()[0];

  const perSec = (n: number, ms: number) => (n * 1000) / ms;
  const matchRate = perSec(texts.length, matchMs);
  const extractRate = perSec(texts.length, extractMs);
  const naiveRate = perSec(baseTexts.length, naiveMs);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const result = {
    skills: entries.length,
    labels: labelCount,
    texts: texts.length,
    words_per_text: 1000,
    matcher_load_ms: r1(loadMs),
    matcher_load_cpu_ms: r1(loadCpuMs),
    match_texts_per_cpu_s: r1(perSec(texts.length, matchCpuMs)),
    extract_texts_per_cpu_s: r1(perSec(texts.length, extractCpuMs)),
    load_average: r1(load),
    match_texts_per_s: r1(matchRate),
    extract_texts_per_s: r1(extractRate),
    naive_texts_per_s: r1(naiveRate),
    speedup_vs_naive: r1(matchRate / naiveRate),
    skills_per_text: r1(found / texts.length),
    proposed_per_text: r1(proposed / texts.length),
    naive_hits_per_text: r1(naiveFound / baseTexts.length),
  };
  console.log(
    `# bench:map — ${entries.length} ESCO skills, ${labelCount} labels, ${texts.length} texts × 1,000 words (${source})`,
  );
  console.log('');
  console.log('| measure | value | target |');
  console.log('|---|---:|---:|');
  console.log(
    `| matcher load (build automaton, median of 3): wall / CPU | ${r1(loadMs)} / ${r1(loadCpuMs)} ms | < 2000 ms |`,
  );
  console.log(
    `| matchSkills throughput: wall / per CPU-second | ${r1(matchRate)} / ${result.match_texts_per_cpu_s} texts/s | > 200 texts/s |`,
  );
  console.log(
    `| extractJobSkills (with requirement cues): wall / per CPU-second | ${r1(extractRate)} / ${result.extract_texts_per_cpu_s} texts/s | > 200 texts/s |`,
  );
  console.log(`| baseline: naive loop over all labels | ${r1(naiveRate)} texts/s | — |`);
  console.log(`| ratio matchSkills / baseline | ${r1(matchRate / naiveRate)}× | — |`);
  console.log(
    `| skills found per text (matcher / naive substring) | ${result.skills_per_text} / ${result.naive_hits_per_text} | — |`,
  );
  console.log('');
  console.log(
    `Load average during the run: ${r1(load)} (machine has ${os.cpus().length} cores); one thread.`,
  );
  if (json) console.log(JSON.stringify(result));
}

main();
