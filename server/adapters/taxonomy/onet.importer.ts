import type { Db } from '@/db/client';
import { foldCase } from '@/server/domain/skills/normalize';
import type { ProgressFn } from './bulk';
import { linkFrameworks } from './crosswalk';
import { findFile, ImportValidationError, readTable, type ImportProblem, type Table } from './csv-table';
import { recordImport, type ImportResult } from './esco.importer';
import { loadBundle, type TaxonomyBundle } from './framework-loader';

/** Official O*NET text-file headers → the snake_case names of the CSV extract. */
const ALIASES: Record<string, string> = {
  'O*NET-SOC Code': 'onetsoc_code',
  Title: 'title',
  Description: 'description',
  Example: 'example',
  'Commodity Code': 'commodity_code',
  'Commodity Title': 'commodity_title',
  'Hot Technology': 'hot_technology',
  'In Demand': 'in_demand',
  'Alternate Title': 'alternate_title',
  'Short Title': 'short_title',
  'Source(s)': 'sources',
  'Element ID': 'element_id',
  'Element Name': 'element_name',
  'Scale ID': 'scale_id',
  'Data Value': 'data_value',
  'Recommend Suppress': 'recommend_suppress',
  'Not Relevant': 'not_relevant',
};

const FILES = {
  occupations: ['Occupation Data.txt', 'occupations.csv'],
  technology: ['Technology Skills.txt', 'technology_skills.csv'],
  alternates: ['Alternate Titles.txt', 'alternate_titles.csv'],
  skills: ['Skills.txt', 'skills_ratings.csv'],
  knowledge: ['Knowledge.txt', 'knowledge_ratings.csv'],
};

/** `onet:tech:<slug>` for a technology example name; stable across releases as long as the name is. */
export function onetTechId(example: string): string {
  return (
    'onet:tech:' +
    foldCase(example)
      .replace(/\+/g, 'plus')
      .replace(/#/g, 'sharp')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
  );
}

function yes(v: string | undefined): boolean {
  return (v ?? '').trim().toUpperCase() === 'Y';
}

/**
 * Reads O*NET (official tab-delimited text files or the shared CSV extract): occupations with
 * alternate titles, technology skills (grouped by UNSPSC commodity, hot / in-demand flags), and the
 * Skills/Knowledge elements with importance and level per occupation (suppressed or not-relevant
 * ratings skipped). Dangling occupation codes and bad flags are reported with line numbers.
 */
export function readOnetDir(dir: string, problems: ImportProblem[]): TaxonomyBundle | null {
  const get = (names: string[], required: string[], optional = false): Table | null => {
    const p = findFile(dir, names);
    if (!p) {
      if (!optional) problems.push({ file: dir, line: 0, message: `missing file (${names.join(' or ')})` });
      return null;
    }
    return readTable(p, required, problems, { headerAliases: ALIASES });
  };
  const occ = get(FILES.occupations, ['onetsoc_code', 'title', 'description']);
  const tech = get(FILES.technology, [
    'onetsoc_code',
    'example',
    'commodity_code',
    'commodity_title',
    'hot_technology',
    'in_demand',
  ]);
  const alts = get(FILES.alternates, ['onetsoc_code', 'alternate_title'], true);
  const ratings = [
    {
      table: get(
        FILES.skills,
        ['onetsoc_code', 'element_id', 'element_name', 'scale_id', 'data_value'],
        true,
      ),
      type: 'skill',
    },
    {
      table: get(
        FILES.knowledge,
        ['onetsoc_code', 'element_id', 'element_name', 'scale_id', 'data_value'],
        true,
      ),
      type: 'knowledge',
    },
  ];
  if (!occ || !tech) return null;

  const b: TaxonomyBundle = {
    framework: { id: 'onet', name: 'O*NET', version: null, uri: 'https://www.onetcenter.org/database.html' },
    skills: [],
    labels: [],
    broader: [],
    relations: [],
    collections: [],
    occupations: [],
    occupationSkills: [],
  };
  const occById = new Map<string, TaxonomyBundle['occupations'][number]>();
  occ.rows.forEach((r, k) => {
    const code = r.onetsoc_code.trim();
    if (!/^\d{2}-\d{4}\.\d{2}$/.test(code)) {
      problems.push({ file: occ.file, line: occ.lines[k], message: `bad O*NET-SOC code "${code}"` });
      return;
    }
    const o = {
      id: `onet:${code}`,
      uri: `https://www.onetonline.org/link/summary/${code}`,
      code,
      iscoGroup: null,
      preferredLabel: r.title.trim(),
      altLabels: [] as string[],
      description: r.description.trim() || null,
    };
    occById.set(code, o);
    b.occupations.push(o);
  });
  if (alts) {
    alts.rows.forEach((r, k) => {
      const o = occById.get(r.onetsoc_code.trim());
      if (!o) {
        problems.push({
          file: alts.file,
          line: alts.lines[k],
          message: `unknown occupation ${r.onetsoc_code}`,
        });
        return;
      }
      const t = r.alternate_title.trim();
      if (t && t !== o.preferredLabel && !o.altLabels.includes(t)) o.altLabels.push(t);
    });
  }

  const groups = new Map<string, string>();
  const techSkills = new Map<string, TaxonomyBundle['skills'][number] & { commodity: string }>();
  const occTech = new Map<string, TaxonomyBundle['occupationSkills'][number]>();
  tech.rows.forEach((r, k) => {
    const code = r.onetsoc_code.trim();
    const line = tech.lines[k];
    if (!occById.has(code)) {
      problems.push({ file: tech.file, line, message: `unknown occupation ${code}` });
      return;
    }
    for (const col of ['hot_technology', 'in_demand'] as const) {
      const v = r[col].trim().toUpperCase();
      if (v !== 'Y' && v !== 'N')
        problems.push({ file: tech.file, line, message: `${col} must be Y or N, got "${r[col]}"` });
    }
    const example = r.example.trim();
    const commodity = r.commodity_code.trim();
    if (!example || !commodity) {
      problems.push({ file: tech.file, line, message: 'empty example or commodity code' });
      return;
    }
    groups.set(commodity, r.commodity_title.trim());
    const id = onetTechId(example);
    const hot = yes(r.hot_technology);
    const demand = yes(r.in_demand);
    const s = techSkills.get(id);
    if (!s) {
      techSkills.set(id, {
        id,
        uri: null,
        code: commodity,
        concept: 'skill',
        skillType: 'technology',
        reuseLevel: null,
        preferredLabel: example,
        description: null,
        hotTechnology: hot,
        inDemand: demand,
        commodity,
      });
    } else {
      s.hotTechnology ||= hot;
      s.inDemand ||= demand;
    }
    const key = `${code}|${id}`;
    const prev = occTech.get(key);
    if (!prev)
      occTech.set(key, {
        occupationId: `onet:${code}`,
        skillId: id,
        relation: demand ? 'essential' : 'optional',
        hot,
      });
    else {
      prev.hot ||= hot;
      if (demand) prev.relation = 'essential';
    }
  });
  for (const [code, title] of groups)
    b.skills.push({
      id: `onet:unspsc:${code}`,
      uri: null,
      code,
      concept: 'group',
      skillType: null,
      reuseLevel: null,
      preferredLabel: title,
      description: null,
    });
  for (const { commodity, ...s } of techSkills.values()) {
    b.skills.push(s);
    b.broader.push({ skillId: s.id, broaderId: `onet:unspsc:${commodity}` });
  }
  b.occupationSkills.push(...occTech.values());

  const elements = new Map<string, { name: string; type: string }>();
  const elemRatings = new Map<
    string,
    { occupationId: string; skillId: string; im?: number; lv?: number; skip: boolean }
  >();
  for (const { table, type } of ratings) {
    if (!table) continue;
    table.rows.forEach((r, k) => {
      const code = r.onetsoc_code.trim();
      if (!occById.has(code)) {
        problems.push({ file: table.file, line: table.lines[k], message: `unknown occupation ${code}` });
        return;
      }
      const el = r.element_id.trim();
      const value = Number(r.data_value);
      if (!Number.isFinite(value)) {
        problems.push({
          file: table.file,
          line: table.lines[k],
          message: `data_value is not a number: "${r.data_value}"`,
        });
        return;
      }
      elements.set(el, { name: r.element_name.trim(), type });
      const key = `${code}|${el}`;
      let e = elemRatings.get(key);
      if (!e)
        elemRatings.set(key, (e = { occupationId: `onet:${code}`, skillId: `onet:${el}`, skip: false }));
      const scale = r.scale_id.trim();
      if (yes(r.recommend_suppress) || yes(r.not_relevant)) e.skip = true;
      if (scale === 'IM') e.im = value;
      else if (scale === 'LV') e.lv = value;
    });
  }
  for (const [el, { name, type }] of elements)
    b.skills.push({
      id: `onet:${el}`,
      uri: null,
      code: el,
      concept: 'skill',
      skillType: type,
      reuseLevel: 'cross-sector',
      preferredLabel: name,
      description: null,
    });
  for (const e of elemRatings.values()) {
    if (e.skip || e.im === undefined || e.im < 2) continue;
    b.occupationSkills.push({
      occupationId: e.occupationId,
      skillId: e.skillId,
      relation: e.im >= 3.5 ? 'essential' : 'optional',
      importance: e.im,
      level: e.lv ?? null,
    });
  }
  return b;
}

/**
 * Imports O*NET from a folder, all-or-nothing, then derives crosswalks from O*NET technology and
 * element names to ESCO labels when ESCO is loaded.
 */
export async function importOnet(
  db: Db,
  dir: string,
  opts: { version?: string | null; onProgress?: ProgressFn } = {},
): Promise<ImportResult> {
  const t0 = performance.now();
  const problems: ImportProblem[] = [];
  opts.onProgress?.('reading files', 0, 1);
  const bundle = readOnetDir(dir, problems);
  if (!bundle || problems.length) throw new ImportValidationError(problems);
  bundle.framework.version = opts.version ?? /(\d+\.\d+)/.exec(dir)?.[1] ?? null;
  const layout = findFile(dir, ['Technology Skills.txt']) ? 'official' : 'extract';
  const result = await db.transaction(async (tx) => {
    const stats = await loadBundle(tx, bundle, opts.onProgress, { referencesChecked: true });
    const crosswalks = await linkFrameworks(tx, 'onet', 'esco');
    return { ...stats, crosswalks };
  });
  const durationMs = Math.round(performance.now() - t0);
  await recordImport(db, 'onet', dir, result.skills, result.changed, durationMs);
  return { framework: 'onet', layout, ...result, durationMs };
}
