import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { labelKey } from '@/server/domain/skills/normalize';
import { insertJsonBatches, type ProgressFn } from './bulk';

export interface BundleSkill {
  id: string;
  uri: string | null;
  code: string | null;
  concept: 'skill' | 'group';
  skillType: string | null;
  reuseLevel: string | null;
  preferredLabel: string;
  description: string | null;
  hotTechnology?: boolean;
  inDemand?: boolean;
}

/** Everything one framework contributes, already validated and with final ids. */
export interface TaxonomyBundle {
  framework: { id: string; name: string; version: string | null; uri: string | null };
  skills: BundleSkill[];
  labels: { skillId: string; kind: 'alt' | 'hidden'; label: string }[];
  broader: { skillId: string; broaderId: string }[];
  relations: { skillId: string; relatedId: string; relation: 'essential' | 'optional' }[];
  collections: { skillId: string; collection: string }[];
  occupations: {
    id: string;
    uri: string | null;
    code: string | null;
    iscoGroup: string | null;
    preferredLabel: string;
    altLabels: string[];
    description: string | null;
  }[];
  occupationSkills: {
    occupationId: string;
    skillId: string;
    relation: 'essential' | 'optional';
    importance?: number | null;
    level?: number | null;
    hot?: boolean;
  }[];
}

export interface LoadStats {
  skills: number;
  occupations: number;
  /** Rows inserted, updated or deleted; 0 when the run changed nothing. */
  changed: number;
}

/**
 * Merges a framework into the taxonomy tables inside the caller's transaction. Idempotent: rows
 * are upserted only when a value differs, set-like tables (labels, hierarchy, relations,
 * collections, occupation profiles) get exactly the bundle's rows for the skills/occupations the
 * bundle contains. Skills that disappeared from a newer source version are kept (candidate evidence
 * may point at them); ids never change.
 */
export async function loadBundle(
  tx: DbOrTx,
  b: TaxonomyBundle,
  onProgress?: ProgressFn,
  opts: { referencesChecked?: boolean } = {},
): Promise<LoadStats> {
  let changed = 0;
  const fw = b.framework;
  if (opts.referencesChecked) {
    // The reader already proved every reference resolves within the bundle, so per-row foreign-key
    // triggers only cost time: skip them for this transaction when the role is allowed to (superuser).
    const su = rowsOf<{ su: boolean }>(
      await tx.execute(sql`SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user`),
    );
    if (su[0]?.su) await tx.execute(sql`SET LOCAL session_replication_role = replica`);
  }
  changed += await countRows(
    tx,
    sql`WITH u AS (
      INSERT INTO skill_frameworks (id, name, version, uri) VALUES (${fw.id}, ${fw.name}, ${fw.version}, ${fw.uri})
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, version = EXCLUDED.version, uri = EXCLUDED.uri,
        imported_at = now()
      WHERE (skill_frameworks.name, skill_frameworks.version, skill_frameworks.uri)
        IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.version, EXCLUDED.uri)
      RETURNING 1) SELECT count(*) AS n FROM u`,
  );

  const skillRows = b.skills.map((s) => ({
    id: s.id,
    uri: s.uri,
    code: s.code,
    concept: s.concept,
    skill_type: s.skillType,
    reuse_level: s.reuseLevel,
    preferred_label: s.preferredLabel,
    description: s.description,
    hot: s.hotTechnology ?? false,
    demand: s.inDemand ?? false,
  }));
  changed += await insertJsonBatches(
    tx,
    skillRows,
    (json) => sql`WITH u AS (
      INSERT INTO skills (id, framework_id, uri, code, concept, skill_type, reuse_level, preferred_label, description,
        hot_technology, in_demand)
      SELECT x.id, ${fw.id}, x.uri, x.code, x.concept::skill_concept, x.skill_type, x.reuse_level, x.preferred_label,
        x.description, x.hot, x.demand
      FROM json_to_recordset(${json}) AS x(id text, uri text, code text, concept text, skill_type text,
        reuse_level text, preferred_label text, description text, hot boolean, demand boolean)
      ON CONFLICT (id) DO UPDATE SET uri = EXCLUDED.uri, code = EXCLUDED.code, concept = EXCLUDED.concept,
        skill_type = EXCLUDED.skill_type, reuse_level = EXCLUDED.reuse_level,
        preferred_label = EXCLUDED.preferred_label, description = EXCLUDED.description,
        hot_technology = EXCLUDED.hot_technology, in_demand = EXCLUDED.in_demand, updated_at = now()
      WHERE (skills.uri, skills.code, skills.concept, skills.skill_type, skills.reuse_level, skills.preferred_label,
             skills.description, skills.hot_technology, skills.in_demand)
        IS DISTINCT FROM (EXCLUDED.uri, EXCLUDED.code, EXCLUDED.concept, EXCLUDED.skill_type, EXCLUDED.reuse_level,
             EXCLUDED.preferred_label, EXCLUDED.description, EXCLUDED.hot_technology, EXCLUDED.in_demand)
      RETURNING 1) SELECT count(*) AS n FROM u`,
    { stage: 'skills', onProgress },
  );

  await tx.execute(sql`CREATE TEMP TABLE IF NOT EXISTS stg_ids (id text PRIMARY KEY) ON COMMIT DROP`);
  await tx.execute(sql`TRUNCATE stg_ids`);
  await insertJsonBatches(
    tx,
    b.skills.map((s) => ({ id: s.id })),
    (json) =>
      sql`INSERT INTO stg_ids SELECT x.id FROM json_to_recordset(${json}) AS x(id text) ON CONFLICT DO NOTHING`,
    { batchSize: 20000 },
  );

  const labelRows: { skill_id: string; kind: string; label: string; label_key: string }[] = [];
  for (const s of b.skills)
    labelRows.push({
      skill_id: s.id,
      kind: 'preferred',
      label: s.preferredLabel,
      label_key: labelKey(s.preferredLabel),
    });
  for (const l of b.labels)
    labelRows.push({ skill_id: l.skillId, kind: l.kind, label: l.label, label_key: labelKey(l.label) });
  changed += await syncSet(tx, {
    name: 'labels',
    table: 'skill_labels',
    columns: ['skill_id', 'kind', 'label', 'label_key'],
    types: ['text', 'skill_label_kind', 'text', 'text'],
    keyColumns: ['skill_id', 'kind', 'label'],
    scope: sql`t.skill_id IN (SELECT id FROM stg_ids)`,
    rows: labelRows,
    onProgress,
  });
  changed += await syncSet(tx, {
    name: 'hierarchy',
    table: 'skill_broader',
    columns: ['skill_id', 'broader_id'],
    types: ['text', 'text'],
    keyColumns: ['skill_id', 'broader_id'],
    scope: sql`t.skill_id IN (SELECT id FROM stg_ids)`,
    rows: b.broader.map((r) => ({ skill_id: r.skillId, broader_id: r.broaderId })),
    onProgress,
  });
  changed += await syncSet(tx, {
    name: 'relations',
    table: 'skill_relations',
    columns: ['skill_id', 'related_id', 'relation'],
    types: ['text', 'text', 'skill_relation'],
    keyColumns: ['skill_id', 'related_id', 'relation'],
    scope: sql`t.skill_id IN (SELECT id FROM stg_ids)`,
    rows: b.relations.map((r) => ({ skill_id: r.skillId, related_id: r.relatedId, relation: r.relation })),
    onProgress,
  });
  changed += await syncSet(tx, {
    name: 'collections',
    table: 'skill_collections',
    columns: ['skill_id', 'collection'],
    types: ['text', 'text'],
    keyColumns: ['skill_id', 'collection'],
    scope: sql`t.skill_id IN (SELECT id FROM stg_ids)`,
    rows: b.collections.map((r) => ({ skill_id: r.skillId, collection: r.collection })),
    onProgress,
  });

  changed += await insertJsonBatches(
    tx,
    b.occupations.map((o) => ({
      id: o.id,
      uri: o.uri,
      code: o.code,
      isco_group: o.iscoGroup,
      preferred_label: o.preferredLabel,
      alt_labels: o.altLabels,
      description: o.description,
    })),
    (json) => sql`WITH u AS (
      INSERT INTO occupations (id, framework_id, uri, code, isco_group, preferred_label, alt_labels, description)
      SELECT x.id, ${fw.id}, x.uri, x.code, x.isco_group, x.preferred_label,
        COALESCE(ARRAY(SELECT json_array_elements_text(x.alt_labels)), '{}'::text[]), x.description
      FROM json_to_recordset(${json}) AS x(id text, uri text, code text, isco_group text, preferred_label text,
        alt_labels json, description text)
      ON CONFLICT (id) DO UPDATE SET uri = EXCLUDED.uri, code = EXCLUDED.code, isco_group = EXCLUDED.isco_group,
        preferred_label = EXCLUDED.preferred_label, alt_labels = EXCLUDED.alt_labels,
        description = EXCLUDED.description, updated_at = now()
      WHERE (occupations.uri, occupations.code, occupations.isco_group, occupations.preferred_label,
             occupations.alt_labels, occupations.description)
        IS DISTINCT FROM (EXCLUDED.uri, EXCLUDED.code, EXCLUDED.isco_group, EXCLUDED.preferred_label,
             EXCLUDED.alt_labels, EXCLUDED.description)
      RETURNING 1) SELECT count(*) AS n FROM u`,
    { stage: 'occupations', onProgress, batchSize: 2000 },
  );
  await tx.execute(sql`TRUNCATE stg_ids`);
  await insertJsonBatches(
    tx,
    b.occupations.map((o) => ({ id: o.id })),
    (json) =>
      sql`INSERT INTO stg_ids SELECT x.id FROM json_to_recordset(${json}) AS x(id text) ON CONFLICT DO NOTHING`,
    { batchSize: 20000 },
  );
  changed += await syncSet(tx, {
    name: 'occupation skills',
    table: 'occupation_skills',
    columns: ['occupation_id', 'skill_id', 'relation', 'importance', 'level', 'hot'],
    types: ['text', 'text', 'skill_relation', 'real', 'real', 'boolean'],
    keyColumns: ['occupation_id', 'skill_id', 'relation'],
    valueColumns: ['importance', 'level', 'hot'],
    scope: sql`t.occupation_id IN (SELECT id FROM stg_ids)`,
    rows: b.occupationSkills.map((r) => ({
      occupation_id: r.occupationId,
      skill_id: r.skillId,
      relation: r.relation,
      importance: r.importance ?? null,
      level: r.level ?? null,
      hot: r.hot ?? false,
    })),
    onProgress,
  });
  if (opts.referencesChecked) await tx.execute(sql`SET LOCAL session_replication_role = DEFAULT`);
  // Cached label indexes key on the frameworks' import times: bump it whenever anything changed.
  if (changed > 0)
    await tx.execute(sql`UPDATE skill_frameworks SET imported_at = clock_timestamp() WHERE id = ${fw.id}`);
  return { skills: b.skills.length, occupations: b.occupations.length, changed };
}

async function countRows(tx: DbOrTx, q: SQL): Promise<number> {
  const r = rowsOf<{ n: number | string }>(await tx.execute(q));
  return Number(r[0]?.n ?? 0);
}

interface SyncSpec {
  name: string;
  table: string;
  columns: string[];
  types: string[];
  keyColumns: string[];
  valueColumns?: string[];
  scope: SQL;
  rows: Record<string, unknown>[];
  onProgress?: ProgressFn;
}

/**
 * Makes the rows of `table` within `scope` equal to `rows`: stages them in a temporary table, deletes
 * what is no longer there, inserts what is new and updates changed value columns. Returns the number
 * of rows changed.
 */
async function syncSet(tx: DbOrTx, s: SyncSpec): Promise<number> {
  const stg = `stg_${s.table}`;
  const anyExisting = await countRows(
    tx,
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${sql.raw(s.table)} t WHERE ${s.scope} LIMIT 1) e`,
  );
  const colDefs = s.columns.map((c, i) => `${c} ${s.types[i]}`).join(', ');
  await tx.execute(sql.raw(`CREATE TEMP TABLE IF NOT EXISTS ${stg} (${colDefs}) ON COMMIT DROP`));
  await tx.execute(sql.raw(`TRUNCATE ${stg}`));
  const cols = s.columns.join(', ');
  const recDef = s.columns
    .map((c, i) => `${c} ${s.types[i] === 'real' || s.types[i] === 'boolean' ? s.types[i] : 'text'}`)
    .join(', ');
  const casts = s.columns
    .map((c, i) =>
      s.types[i] === 'text' || s.types[i] === 'real' || s.types[i] === 'boolean'
        ? `x.${c}`
        : `x.${c}::${s.types[i]}`,
    )
    .join(', ');
  if (anyExisting === 0) {
    // First load of this scope: nothing to diff against, insert straight into the table.
    return insertJsonBatches(
      tx,
      s.rows,
      (json) => sql`WITH i AS (INSERT INTO ${sql.raw(s.table)} (${sql.raw(cols)})
        SELECT ${sql.raw(casts)} FROM json_to_recordset(${json}) AS x(${sql.raw(recDef)})
        ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) AS n FROM i`,
      { stage: s.name, onProgress: s.onProgress, batchSize: 10000 },
    );
  }
  await insertJsonBatches(
    tx,
    s.rows,
    (json) =>
      sql`INSERT INTO ${sql.raw(stg)} (${sql.raw(cols)}) SELECT ${sql.raw(casts)} FROM json_to_recordset(${json}) AS x(${sql.raw(recDef)})`,
    { stage: s.name, onProgress: s.onProgress, batchSize: 10000 },
  );
  await tx.execute(sql.raw(`ANALYZE ${stg}`));
  const keyMatch = s.keyColumns.map((c) => `x.${c} = t.${c}`).join(' AND ');
  let changed = await countRows(
    tx,
    sql`WITH d AS (DELETE FROM ${sql.raw(s.table)} t WHERE ${s.scope}
      AND NOT EXISTS (SELECT 1 FROM ${sql.raw(stg)} x WHERE ${sql.raw(keyMatch)}) RETURNING 1)
      SELECT count(*) AS n FROM d`,
  );
  const keyList = s.keyColumns.join(', ');
  const values = s.valueColumns ?? [];
  const onConflict = values.length
    ? `ON CONFLICT (${keyList}) DO UPDATE SET ${values.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
       WHERE (${values.map((c) => `${s.table}.${c}`).join(', ')}) IS DISTINCT FROM (${values
         .map((c) => `EXCLUDED.${c}`)
         .join(', ')})`
    : 'ON CONFLICT DO NOTHING';
  changed += await countRows(
    tx,
    sql.raw(`WITH i AS (INSERT INTO ${s.table} (${cols}) SELECT DISTINCT ON (${keyList}) ${cols} FROM ${stg}
      ${onConflict} RETURNING 1) SELECT count(*) AS n FROM i`),
  );
  return changed;
}
