import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findFile, readTable, splitLabels, type ImportProblem } from './csv-table';

export interface EscoSkillRow {
  uri: string;
  skillType: string | null;
  reuseLevel: string | null;
  preferredLabel: string;
  altLabels: string[];
  hiddenLabels: string[];
  description: string | null;
}
export interface EscoGroupRow {
  uri: string;
  code: string | null;
  preferredLabel: string;
  altLabels: string[];
  description: string | null;
}
export interface EscoOccupationRow {
  uri: string;
  iscoGroup: string | null;
  code: string | null;
  preferredLabel: string;
  altLabels: string[];
  description: string | null;
}

/** ESCO skills pillar as read from disk, in either supported layout, validated. */
export interface EscoData {
  layout: 'official' | 'extract';
  skills: EscoSkillRow[];
  groups: EscoGroupRow[];
  broader: { uri: string; broaderUri: string }[];
  relations: { uri: string; relation: 'essential' | 'optional'; relatedUri: string }[];
  occupations: EscoOccupationRow[];
  occupationSkills: { occupationUri: string; relation: 'essential' | 'optional'; skillUri: string }[];
  collections: { uri: string; collection: string }[];
}

/** Which files make up each layout. The official download names some relation files with or without `_en`. */
const FILES = {
  skills: ['skills_en.csv', 'skills.csv'],
  groups: ['skillGroups_en.csv', 'skill_groups.csv'],
  broader: ['broaderRelationsSkillPillar_en.csv', 'broaderRelationsSkillPillar.csv', 'skill_broader.csv'],
  relations: ['skillSkillRelations_en.csv', 'skillSkillRelations.csv', 'skill_relations.csv'],
  occupations: ['occupations_en.csv', 'occupations.csv'],
  occupationSkills: [
    'occupationSkillRelations_en.csv',
    'occupationSkillRelations.csv',
    'occupation_skills.csv',
  ],
  collections: ['skill_collections.csv'],
};

const COLLECTION_FILES: Record<string, string> = {
  digitalSkillsCollection_en: 'digital',
  greenSkillsCollection_en: 'green',
  languageSkillsCollection_en: 'language',
  transversalSkillsCollection_en: 'transversal',
  researchSkillsCollection_en: 'research',
  digCompSkillsCollection_en: 'digcomp',
};

const RELATIONS = new Set(['essential', 'optional']);

function nz(s: string | undefined): string | null {
  const t = (s ?? '').trim();
  return t ? t : null;
}

function normalizeDescription(s: string | undefined): string | null {
  const t = (s ?? '').replace(/\r\n?/g, '\n').trim();
  return t ? t : null;
}

/**
 * Reads an ESCO folder: the official CSV download (`skills_en.csv`, `skillGroups_en.csv`,
 * `broaderRelationsSkillPillar_en.csv`, `skillSkillRelations_en.csv`, `occupations_en.csv`,
 * `occupationSkillRelations_en.csv`, the `*SkillsCollection_en.csv` files) or the reformatted extract
 * (`skills.csv`, `skill_groups.csv`, `skill_broader.csv`, …). Every problem (missing column, bad
 * quoting, unknown relation type, URI pointing nowhere) is collected with its line number; the caller
 * refuses the whole run when any was found.
 */
export function readEscoDir(dir: string, problems: ImportProblem[]): EscoData | null {
  if (!existsSync(dir)) {
    problems.push({ file: dir, line: 0, message: 'folder does not exist' });
    return null;
  }
  const skillsPath = findFile(dir, FILES.skills);
  if (!skillsPath) {
    problems.push({ file: dir, line: 0, message: `no skills file (${FILES.skills.join(' or ')})` });
    return null;
  }
  const layout: EscoData['layout'] = path.basename(skillsPath) === 'skills_en.csv' ? 'official' : 'extract';
  const data: EscoData = {
    layout,
    skills: [],
    groups: [],
    broader: [],
    relations: [],
    occupations: [],
    occupationSkills: [],
    collections: [],
  };

  const skills = readTable(
    skillsPath,
    ['conceptUri', 'preferredLabel', 'altLabels', 'description'],
    problems,
  );
  const skillUris = new Set<string>();
  if (skills) {
    skills.rows.forEach((r, k) => {
      const uri = r.conceptUri.trim();
      const label = r.preferredLabel.replace(/\u00a0/g, ' ').trim();
      if (!uri || !label) {
        problems.push({
          file: skills.file,
          line: skills.lines[k],
          message: 'empty conceptUri or preferredLabel',
        });
        return;
      }
      if (skillUris.has(uri)) {
        problems.push({ file: skills.file, line: skills.lines[k], message: `duplicate skill ${uri}` });
        return;
      }
      skillUris.add(uri);
      data.skills.push({
        uri,
        skillType: nz(r.skillType),
        reuseLevel: nz(r.reuseLevel),
        preferredLabel: label,
        altLabels: splitLabels(r.altLabels).filter((a) => a !== label),
        hiddenLabels: splitLabels(r.hiddenLabels),
        description: normalizeDescription(r.description),
      });
    });
  }

  const groupUris = new Set<string>();
  const groupsPath = findFile(dir, FILES.groups);
  if (groupsPath) {
    const groups = readTable(groupsPath, ['conceptUri', 'preferredLabel'], problems);
    groups?.rows.forEach((r, k) => {
      const uri = r.conceptUri.trim();
      if (!uri || !r.preferredLabel.trim()) {
        problems.push({
          file: groups.file,
          line: groups.lines[k],
          message: 'empty conceptUri or preferredLabel',
        });
        return;
      }
      groupUris.add(uri);
      data.groups.push({
        uri,
        code: nz(r.code),
        preferredLabel: r.preferredLabel.trim(),
        altLabels: splitLabels(r.altLabels),
        description: normalizeDescription(r.description),
      });
    });
  }
  const known = (u: string) => skillUris.has(u) || groupUris.has(u);

  const broaderPath = findFile(dir, FILES.broader);
  if (broaderPath) {
    const t = readTable(broaderPath, ['conceptUri', 'broaderUri'], problems);
    t?.rows.forEach((r, k) => {
      const uri = r.conceptUri.trim();
      const b = r.broaderUri.trim();
      const dangling = [uri, b].filter((u) => !known(u));
      if (dangling.length) {
        problems.push({ file: t.file, line: t.lines[k], message: `dangling URI ${dangling.join(', ')}` });
        return;
      }
      data.broader.push({ uri, broaderUri: b });
    });
  }

  const relPath = findFile(dir, FILES.relations);
  if (relPath) {
    const t = readTable(relPath, ['originalSkillUri', 'relationType', 'relatedSkillUri'], problems);
    t?.rows.forEach((r, k) => {
      const rel = r.relationType.trim();
      if (!RELATIONS.has(rel)) {
        problems.push({ file: t.file, line: t.lines[k], message: `unknown relation type "${rel}"` });
        return;
      }
      const a = r.originalSkillUri.trim();
      const b = r.relatedSkillUri.trim();
      const dangling = [a, b].filter((u) => !skillUris.has(u));
      if (dangling.length) {
        problems.push({ file: t.file, line: t.lines[k], message: `dangling URI ${dangling.join(', ')}` });
        return;
      }
      data.relations.push({ uri: a, relation: rel as 'essential' | 'optional', relatedUri: b });
    });
  }

  const occUris = new Set<string>();
  const occPath = findFile(dir, FILES.occupations);
  if (occPath) {
    const t = readTable(occPath, ['conceptUri', 'preferredLabel'], problems);
    t?.rows.forEach((r, k) => {
      const uri = r.conceptUri.trim();
      if (!uri || !r.preferredLabel.trim()) {
        problems.push({ file: t.file, line: t.lines[k], message: 'empty conceptUri or preferredLabel' });
        return;
      }
      occUris.add(uri);
      const label = r.preferredLabel.trim();
      data.occupations.push({
        uri,
        iscoGroup: nz(r.iscoGroup),
        code: nz(r.code),
        preferredLabel: label,
        altLabels: splitLabels(r.altLabels).filter((a) => a !== label),
        description: normalizeDescription(r.description),
      });
    });
  }

  const osPath = findFile(dir, FILES.occupationSkills);
  if (osPath) {
    const t = readTable(osPath, ['occupationUri', 'relationType', 'skillUri'], problems);
    t?.rows.forEach((r, k) => {
      const rel = r.relationType.trim();
      if (!RELATIONS.has(rel)) {
        problems.push({ file: t.file, line: t.lines[k], message: `unknown relation type "${rel}"` });
        return;
      }
      const o = r.occupationUri.trim();
      const s = r.skillUri.trim();
      const dangling = [occUris.has(o) ? '' : o, skillUris.has(s) ? '' : s].filter(Boolean);
      if (dangling.length) {
        problems.push({ file: t.file, line: t.lines[k], message: `dangling URI ${dangling.join(', ')}` });
        return;
      }
      data.occupationSkills.push({
        occupationUri: o,
        relation: rel as 'essential' | 'optional',
        skillUri: s,
      });
    });
  }

  const collPath = findFile(dir, FILES.collections);
  if (collPath) {
    const t = readTable(collPath, ['conceptUri', 'collection'], problems);
    t?.rows.forEach((r, k) => {
      const uri = r.conceptUri.trim();
      if (!skillUris.has(uri)) {
        problems.push({ file: t.file, line: t.lines[k], message: `dangling URI ${uri}` });
        return;
      }
      data.collections.push({ uri, collection: r.collection.trim() });
    });
  } else {
    for (const f of readdirSync(dir)) {
      const base = f.replace(/\.csv$/, '');
      const collection = COLLECTION_FILES[base];
      if (!collection) continue;
      const t = readTable(path.join(dir, f), ['conceptUri'], problems);
      t?.rows.forEach((r) => {
        const uri = r.conceptUri.trim();
        if (skillUris.has(uri)) data.collections.push({ uri, collection });
      });
    }
  }
  return data;
}
