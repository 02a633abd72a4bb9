import type { Db, DbOrTx } from '@/db/client';
import { taxonomyImports } from '@/db/schema';
import { ImportValidationError, type ImportProblem } from './csv-table';
import { readEscoDir, type EscoData } from './esco-files';
import { loadBundle, type TaxonomyBundle } from './framework-loader';
import type { ProgressFn } from './bulk';
import { linkFrameworks } from './crosswalk';

const ESCO_BASE = 'http://data.europa.eu/esco/';

/**
 * Stable Skillgraph id for an ESCO concept URI: `esco:<uuid>` for skills (the contract's form),
 * `esco:isced-f/<code>` etc. for other concept kinds, `esco:occupation/<uuid>` for occupations.
 */
export function escoId(uri: string): string {
  if (uri.startsWith(ESCO_BASE + 'skill/')) return 'esco:' + uri.slice(ESCO_BASE.length + 6);
  if (uri.startsWith(ESCO_BASE)) return 'esco:' + uri.slice(ESCO_BASE.length);
  return 'esco:' + uri;
}

/** Turns validated ESCO files into the framework bundle. */
export function escoBundle(data: EscoData, version: string | null): TaxonomyBundle {
  const b: TaxonomyBundle = {
    framework: { id: 'esco', name: 'ESCO', version, uri: 'http://data.europa.eu/esco/concept-scheme/skills' },
    skills: [],
    labels: [],
    broader: [],
    relations: [],
    collections: [],
    occupations: [],
    occupationSkills: [],
  };
  for (const s of data.skills) {
    const id = escoId(s.uri);
    b.skills.push({
      id,
      uri: s.uri,
      code: null,
      concept: 'skill',
      skillType: s.skillType,
      reuseLevel: s.reuseLevel,
      preferredLabel: s.preferredLabel,
      description: s.description,
    });
    for (const a of s.altLabels) b.labels.push({ skillId: id, kind: 'alt', label: a });
    for (const h of s.hiddenLabels) b.labels.push({ skillId: id, kind: 'hidden', label: h });
  }
  for (const g of data.groups) {
    const id = escoId(g.uri);
    b.skills.push({
      id,
      uri: g.uri,
      code: g.code,
      concept: 'group',
      skillType: null,
      reuseLevel: null,
      preferredLabel: g.preferredLabel,
      description: g.description,
    });
    for (const a of g.altLabels)
      if (a !== g.preferredLabel) b.labels.push({ skillId: id, kind: 'alt', label: a });
  }
  for (const r of data.broader) b.broader.push({ skillId: escoId(r.uri), broaderId: escoId(r.broaderUri) });
  for (const r of data.relations)
    b.relations.push({ skillId: escoId(r.uri), relatedId: escoId(r.relatedUri), relation: r.relation });
  for (const c of data.collections) b.collections.push({ skillId: escoId(c.uri), collection: c.collection });
  for (const o of data.occupations)
    b.occupations.push({
      id: escoId(o.uri),
      uri: o.uri,
      code: o.code,
      iscoGroup: o.iscoGroup,
      preferredLabel: o.preferredLabel,
      altLabels: o.altLabels,
      description: o.description,
    });
  const seen = new Set<string>();
  for (const r of data.occupationSkills) {
    const key = `${r.occupationUri}|${r.skillUri}|${r.relation}`;
    if (seen.has(key)) continue;
    seen.add(key);
    b.occupationSkills.push({
      occupationId: escoId(r.occupationUri),
      skillId: escoId(r.skillUri),
      relation: r.relation,
    });
  }
  return b;
}

export interface ImportResult {
  framework: string;
  layout: string;
  skills: number;
  occupations: number;
  changed: number;
  crosswalks: number;
  durationMs: number;
}

/**
 * Imports ESCO from a folder (official CSV download or the shared extract). Validates every file
 * first and throws {@link ImportValidationError} listing all problems with line numbers before
 * anything is written; then writes everything in ONE transaction (all-or-nothing). Re-running with
 * the same files changes nothing; a newer version updates labels and keeps ids.
 */
export async function importEsco(
  db: Db,
  dir: string,
  opts: { version?: string | null; onProgress?: ProgressFn } = {},
): Promise<ImportResult> {
  const t0 = performance.now();
  const problems: ImportProblem[] = [];
  opts.onProgress?.('reading files', 0, 1);
  const data = readEscoDir(dir, problems);
  if (!data || problems.length) throw new ImportValidationError(problems);
  if (data.skills.length === 0)
    throw new ImportValidationError([{ file: dir, line: 0, message: 'no skills found' }]);
  opts.onProgress?.('reading files', 1, 1);
  const version = opts.version ?? /v(\d+\.\d+(?:\.\d+)?)/.exec(dir)?.[1] ?? null;
  const bundle = escoBundle(data, version);
  const result = await db.transaction(async (tx) => {
    const stats = await loadBundle(tx, bundle, opts.onProgress, { referencesChecked: true });
    const crosswalks =
      (await linkFrameworks(tx, 'starter', 'esco')) + (await linkFrameworks(tx, 'onet', 'esco'));
    return { ...stats, crosswalks };
  });
  const durationMs = Math.round(performance.now() - t0);
  await recordImport(db, 'esco', dir, result.skills, result.changed, durationMs);
  return { framework: 'esco', layout: data.layout, ...result, durationMs };
}

export async function recordImport(
  db: DbOrTx,
  frameworkId: string,
  source: string,
  skillCount: number,
  changed: number,
  durationMs: number,
): Promise<void> {
  await db.insert(taxonomyImports).values({ frameworkId, source, skills: skillCount, changed, durationMs });
}
