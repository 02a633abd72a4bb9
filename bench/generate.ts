/**
 * Synthetic benchmark data, seeded and deterministic: candidates (ranking-index skill rows), jobs, and wallets of
 * real-format signed credentials (OB 3.0 VC-JWT from the demo issuers; a share secured with Data Integrity
 * eddsa-rdfc-2022 through the @digitalbazaar stack). Skills come from real ESCO occupation profiles when
 * ../shared/data/esco is present, otherwise from the repo's starter taxonomy.
 *
 * CLI: `tsx bench/generate.ts candidates|jobs|wallets --count N [--seed S] [--out FILE|DIR] [--di-share 0.3]`
 * writes JSON lines (candidates, jobs) or wallet files (a JSON array of credentials per candidate).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import jsigs from 'jsonld-signatures';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createHash } from 'node:crypto';
import { issueDemoJwt } from '@/db/seed/demo-issuers';
import { createDocumentLoader } from '@/server/adapters/jsonld/document-loader';
import type { IndexSkillRow, IndexVisibility, JobRequirement } from '@/server/domain/ranking';
import { Prng, ZipfSampler } from './lib/prng';
import { argValue } from './lib/args';

export interface Occupation {
  id: string;
  label: string;
  essential: string[];
  optional: string[];
}

export interface SkillUniverse {
  source: 'esco' | 'starter';
  labelOf: Map<string, string>;
  occupations: Occupation[];
  /** Skill ids by how many occupation profiles use them, most used first. */
  byPopularity: string[];
  broader: Map<string, string[]>;
  related: Map<string, { id: string; relation: 'essential' | 'optional' }[]>;
}

export function sharedDir(): string {
  return process.env.SKILLGRAPH_SHARED_DIR ?? path.resolve(process.cwd(), '../shared');
}

const ESCO = 'http://data.europa.eu/esco/';
/** Same id scheme as the ESCO importer (`esco:<uuid>` for skills). */
function escoSkillId(uri: string): string {
  return uri.startsWith(`${ESCO}skill/`)
    ? `esco:${uri.slice(ESCO.length + 6)}`
    : `esco:${uri.slice(ESCO.length)}`;
}

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file), {
    columns: true,
    skip_empty_lines: true,
    relax_quotes: true,
  }) as Record<string, string>[];
}

let cachedUniverse: SkillUniverse | undefined;

/** Loads occupations and skills from ../shared/data/esco when present, else the starter taxonomy. */
export function loadSkillUniverse(): SkillUniverse {
  if (cachedUniverse) return cachedUniverse;
  const esco = path.join(sharedDir(), 'data', 'esco');
  cachedUniverse = fs.existsSync(path.join(esco, 'occupation_skills.csv')) ? loadEsco(esco) : loadStarter();
  return cachedUniverse;
}

function finish(u: Omit<SkillUniverse, 'byPopularity'>): SkillUniverse {
  const use = new Map<string, number>();
  for (const o of u.occupations)
    for (const s of [...o.essential, ...o.optional]) use.set(s, (use.get(s) ?? 0) + 1);
  const byPopularity = [...use.keys()].sort((a, b) => use.get(b)! - use.get(a)! || (a < b ? -1 : 1));
  return { ...u, byPopularity };
}

function loadEsco(dir: string): SkillUniverse {
  const labelOf = new Map<string, string>();
  for (const r of readCsv(path.join(dir, 'skills.csv')))
    labelOf.set(escoSkillId(r.conceptUri), r.preferredLabel);
  const occ = new Map<string, Occupation>();
  for (const r of readCsv(path.join(dir, 'occupations.csv'))) {
    occ.set(r.conceptUri, { id: r.conceptUri, label: r.preferredLabel, essential: [], optional: [] });
  }
  for (const r of readCsv(path.join(dir, 'occupation_skills.csv'))) {
    const o = occ.get(r.occupationUri);
    const id = escoSkillId(r.skillUri);
    if (!o || !labelOf.has(id)) continue;
    (r.relationType === 'essential' ? o.essential : o.optional).push(id);
  }
  const broader = new Map<string, string[]>();
  for (const r of readCsv(path.join(dir, 'skill_broader.csv'))) {
    const c = escoSkillId(r.conceptUri);
    const list = broader.get(c) ?? [];
    list.push(escoSkillId(r.broaderUri));
    broader.set(c, list);
  }
  const related = new Map<string, { id: string; relation: 'essential' | 'optional' }[]>();
  for (const r of readCsv(path.join(dir, 'skill_relations.csv'))) {
    const a = escoSkillId(r.originalSkillUri);
    const list = related.get(a) ?? [];
    list.push({
      id: escoSkillId(r.relatedSkillUri),
      relation: r.relationType === 'essential' ? 'essential' : 'optional',
    });
    related.set(a, list);
  }
  const occupations = [...occ.values()].filter((o) => o.essential.length + o.optional.length >= 10);
  occupations.sort((a, b) => (a.id < b.id ? -1 : 1));
  return finish({ source: 'esco', labelOf, occupations, broader, related });
}

interface StarterFile {
  skills: { id: string; concept: string; label: string; broader?: string[] }[];
  relations?: { from?: string; to?: string; skillId?: string; relatedId?: string; relation?: string }[];
}

function loadStarter(): SkillUniverse {
  const data = JSON.parse(
    fs.readFileSync(path.resolve(process.cwd(), 'db/seed/starter-taxonomy.json'), 'utf8'),
  ) as StarterFile;
  const labelOf = new Map<string, string>();
  const broader = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const s of data.skills) {
    labelOf.set(s.id, s.label);
    if (s.broader?.length) broader.set(s.id, s.broader);
    for (const p of s.broader ?? []) children.set(p, [...(children.get(p) ?? []), s.id]);
  }
  // The starter taxonomy has no occupations: each group's leaf skills (plus a neighbouring group's) stand in.
  const groups = [...children.keys()].sort();
  const occupations: Occupation[] = groups.map((g, i) => ({
    id: `starter-occupation:${g}`,
    label: labelOf.get(g) ?? g,
    essential: children.get(g) ?? [],
    optional: children.get(groups[(i + 1) % groups.length]) ?? [],
  }));
  return finish({ source: 'starter', labelOf, occupations, broader, related: new Map() });
}

export interface SyntheticCandidate {
  id: string;
  visibility: IndexVisibility;
  rows: IndexSkillRow[];
}

/** Days since 1970-01-01 of the benchmark's fixed "today" (2026-01-01), so results never drift with the clock. */
export const BENCH_TODAY_DAY = Math.floor(Date.UTC(2026, 0, 1) / 86_400_000);

/**
 * Candidates with 10–30 skills drawn from one or two occupation profiles (occupations Zipf-popular, essential
 * skills preferred), strengths on the 0..1000 scale, ~70 % of skills verified. Streams: constant memory.
 */
export function* syntheticCandidates(
  universe: SkillUniverse,
  count: number,
  seed = 1,
): Generator<SyntheticCandidate> {
  const rng = new Prng(`candidates:${seed}`);
  const occOrder = new Prng(`occupation-order:${seed}`).shuffle([...universe.occupations]);
  const zipf = new ZipfSampler(occOrder.length, 1.0);
  for (let c = 0; c < count; c++) {
    const id = rng.uuid();
    const primary = occOrder[zipf.sample(rng)];
    const secondary = rng.chance(0.35) ? occOrder[zipf.sample(rng)] : null;
    const want = rng.int(10, 30);
    const chosen = new Set<string>();
    const pool = [
      primary.essential,
      primary.essential,
      primary.optional,
      secondary?.essential ?? primary.optional,
    ];
    for (let tries = 0; chosen.size < want && tries < want * 6; tries++) {
      const list = rng.pick(pool);
      if (list.length) chosen.add(rng.pick(list));
    }
    const rows: IndexSkillRow[] = [];
    for (const skillId of [...chosen].sort()) {
      const strength = rng.int(150, 1000);
      const verified = rng.chance(0.7);
      const day = BENCH_TODAY_DAY - rng.int(0, 6 * 365);
      rows.push({
        skillId,
        strength,
        verifiedStrength: verified ? strength : 0,
        lastEvidenceDay: day,
        lastVerifiedDay: verified ? day : null,
      });
    }
    const v = rng.next();
    yield { id, visibility: v < 0.85 ? 'public' : v < 0.95 ? 'applied_only' : 'hidden', rows };
  }
}

export interface SyntheticJob {
  id: string;
  kind: 'popular' | 'niche';
  requirements: JobRequirement[];
}

/**
 * 20-skill jobs: 'popular' draws from the 200 most used skills (large posting lists: the worst case),
 * 'niche' from an occupation's less common skills. Importance 1..10, about a quarter must-have.
 */
export function syntheticJobs(
  universe: SkillUniverse,
  count: number,
  kind: 'popular' | 'niche',
  seed = 1,
): SyntheticJob[] {
  const rng = new Prng(`jobs:${kind}:${seed}`);
  const popular = universe.byPopularity.slice(0, 200);
  const rare = universe.byPopularity.slice(Math.floor(universe.byPopularity.length / 3));
  const jobs: SyntheticJob[] = [];
  for (let j = 0; j < count; j++) {
    const picked = new Set<string>();
    const source = kind === 'popular' ? popular : rare;
    for (let tries = 0; picked.size < Math.min(20, source.length) && tries < 400; tries++)
      picked.add(rng.pick(source));
    jobs.push({
      id: rng.uuid(),
      kind,
      requirements: [...picked].sort().map((skillId) => ({
        skillId,
        label: universe.labelOf.get(skillId) ?? skillId,
        importance: rng.int(1, 10),
        mustHave: rng.chance(0.25),
        minLevel: null,
        recencyMonths: null,
      })),
    });
  }
  return jobs;
}

const ISSUERS = [
  'Skillgraph Demo Academy',
  'Demo State University',
  'Demo Cloud Guild',
  'Demo Health Institute',
];

export interface WalletCredentialSpec {
  credentialId: string;
  issuerName: string;
  skillLabels: string[];
  issuedAt: Date;
  securing: 'vc-jwt' | 'data-integrity';
}

/** Deterministic credential specs for one candidate's wallet (3–8 credentials). */
export function walletSpecs(
  universe: SkillUniverse,
  candidateIndex: number,
  seed = 1,
  diShare = 0.3,
): WalletCredentialSpec[] {
  const rng = new Prng(`wallet:${seed}:${candidateIndex}`);
  const occ = rng.pick(universe.occupations);
  const n = rng.int(3, 8);
  const specs: WalletCredentialSpec[] = [];
  for (let i = 0; i < n; i++) {
    const skills = [
      rng.pick(occ.essential.length ? occ.essential : occ.optional),
      rng.pick(occ.optional.length ? occ.optional : occ.essential),
    ];
    specs.push({
      credentialId: `urn:uuid:${rng.uuid()}`,
      issuerName: rng.pick(ISSUERS),
      skillLabels: [...new Set(skills.map((s) => universe.labelOf.get(s) ?? s))],
      issuedAt: new Date(Date.UTC(2020 + rng.int(0, 5), rng.int(0, 11), rng.int(1, 28))),
      securing: rng.chance(diShare) ? 'data-integrity' : 'vc-jwt',
    });
  }
  return specs;
}

const signingLoader = createDocumentLoader();
const diKeys = new Map<string, Promise<{ did: string; signer: unknown }>>();

function diIssuer(name: string): Promise<{ did: string; signer: unknown }> {
  let k = diKeys.get(name);
  if (!k) {
    k = (async () => {
      const seed = createHash('sha256').update(`skillgraph-bench-di-issuer:${name}`).digest();
      const probe = await Ed25519Multikey.generate({ seed });
      const did = `did:key:${probe.publicKeyMultibase}`;
      const key = await Ed25519Multikey.generate({
        seed,
        id: `${did}#${probe.publicKeyMultibase}`,
        controller: did,
      });
      return { did, signer: key.signer() };
    })();
    diKeys.set(name, k);
  }
  return k;
}

/** Signs one credential spec for a subject: a VC-JWT string or a Data Integrity–secured JSON object. */
export async function signCredential(
  spec: WalletCredentialSpec,
  subjectId: string,
  subjectName: string,
): Promise<string | object> {
  const name = `${spec.skillLabels[0]} certificate`;
  const achievement = {
    name,
    description: `Demonstrates ${spec.skillLabels.join(' and ')} in assessed practical work.`,
    criteria: `Passed an assessment covering ${spec.skillLabels.join(', ')}.`,
    tags: spec.skillLabels,
  };
  if (spec.securing === 'vc-jwt') {
    return issueDemoJwt({
      issuerName: spec.issuerName,
      subjectId,
      subjectName,
      achievement,
      issuedAt: spec.issuedAt,
      credentialId: spec.credentialId,
    });
  }
  const issuer = await diIssuer(spec.issuerName);
  const credential = {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: spec.credentialId,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer.did, type: ['Profile'], name: spec.issuerName },
    validFrom: spec.issuedAt.toISOString().replace('.000Z', 'Z'),
    name,
    credentialSubject: {
      id: subjectId,
      type: ['AchievementSubject'],
      achievement: {
        id: `urn:skillgraph-bench:achievement:${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        type: ['Achievement'],
        name,
        description: achievement.description,
        criteria: { narrative: achievement.criteria },
        tag: achievement.tags,
      },
    },
  };
  return jsigs.sign(credential, {
    suite: new DataIntegrityProof({
      signer: issuer.signer,
      cryptosuite: eddsaRdfc2022,
      date: '2025-01-01T00:00:00Z',
    }),
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader: signingLoader.load,
  }) as Promise<object>;
}

/** One candidate's wallet export (a JSON array of credentials), deterministic bytes for a given seed. */
export async function syntheticWallet(
  universe: SkillUniverse,
  candidateIndex: number,
  options: { seed?: number; diShare?: number; subjectId?: string } = {},
): Promise<{ fileName: string; bytes: Uint8Array; credentials: number; specs: WalletCredentialSpec[] }> {
  const specs = walletSpecs(universe, candidateIndex, options.seed ?? 1, options.diShare ?? 0.3);
  const subjectId = options.subjectId ?? `did:example:bench-candidate-${candidateIndex}`;
  const creds = [];
  for (const s of specs) creds.push(await signCredential(s, subjectId, `Candidate ${candidateIndex}`));
  return {
    fileName: `wallet-${candidateIndex}.json`,
    bytes: new TextEncoder().encode(JSON.stringify(creds)),
    credentials: creds.length,
    specs,
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const kind = argv[0];
  const count = Number(argValue(argv, 'count') ?? '1000');
  const seed = Number(argValue(argv, 'seed') ?? '1');
  const out = argValue(argv, 'out');
  const universe = loadSkillUniverse();
  console.error(
    `skill source: ${universe.source} (${universe.occupations.length} occupations, ${universe.labelOf.size} skills)`,
  );
  if (kind === 'candidates' || kind === 'jobs') {
    const stream = out ? fs.createWriteStream(out) : process.stdout;
    const items =
      kind === 'candidates'
        ? syntheticCandidates(universe, count, seed)
        : [
            ...syntheticJobs(universe, Math.ceil(count / 2), 'popular', seed),
            ...syntheticJobs(universe, Math.floor(count / 2), 'niche', seed),
          ];
    for (const item of items) {
      if (!stream.write(`${JSON.stringify(item)}\n`))
        await new Promise<void>((r) => stream.once('drain', () => r()));
    }
    if (out) await new Promise<void>((r) => (stream as fs.WriteStream).end(() => r()));
    return;
  }
  if (kind === 'wallets') {
    if (!out) throw new Error('wallets need --out DIR');
    fs.mkdirSync(out, { recursive: true });
    const diShare = Number(argValue(argv, 'di-share') ?? '0.3');
    for (let i = 0; i < count; i++) {
      const w = await syntheticWallet(universe, i, { seed, diShare });
      fs.writeFileSync(path.join(out, w.fileName), w.bytes);
    }
    console.error(`wrote ${count} wallets to ${out}`);
    return;
  }
  console.error(
    'usage: tsx bench/generate.ts candidates|jobs|wallets --count N [--seed S] [--out FILE|DIR] [--di-share 0.3]',
  );
  process.exit(2);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
