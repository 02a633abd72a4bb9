import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { occupations, skillLabels, skills } from '@/db/schema';
import { labelKey } from '@/server/domain/skills/normalize';
import type { SkillEntry } from '@/server/domain/skills/skill-index';

/** Plain-data view of the taxonomy graph for ranking and search (no database handles inside). */
export interface TaxonomyGraph {
  /** skill id → ids of its direct broader skills/groups. */
  broader: Map<string, string[]>;
  /** skill id → related skills with the relation type (both directions are listed). */
  related: Map<string, { id: string; relation: 'essential' | 'optional' }[]>;
  /** skill id → preferred label, for every id appearing in the maps above. */
  labels: Map<string, string>;
  /** skill id → equivalent skills in other frameworks (crosswalks, both directions). */
  equivalents: Map<string, string[]>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/**
 * Loads the taxonomy graph as plain maps. With `skillIds`, loads those skills, all their ancestors
 * (transitively, so callers can walk up freely), their direct relations and crosswalks; without,
 * loads everything. Three queries regardless of size.
 */
export async function loadTaxonomyGraph(db: DbOrTx, skillIds?: readonly string[]): Promise<TaxonomyGraph> {
  const graph: TaxonomyGraph = {
    broader: new Map(),
    related: new Map(),
    labels: new Map(),
    equivalents: new Map(),
  };
  if (skillIds && skillIds.length === 0) return graph;
  let scopeJson: string | null = null;
  if (skillIds) {
    const seed = JSON.stringify([...new Set(skillIds)]);
    const up = rowsOf<{ id: string }>(
      await db.execute(sql`WITH RECURSIVE up(id) AS (
          SELECT value FROM json_array_elements_text(${seed}::json)
          UNION
          SELECT b.broader_id FROM skill_broader b JOIN up ON b.skill_id = up.id
        ) SELECT id FROM up`),
    );
    scopeJson = JSON.stringify(up.map((r) => r.id));
  }
  const ids = scopeJson ? sql`(SELECT value FROM json_array_elements_text(${scopeJson}::json))` : null;
  const broaderRows = rowsOf<{ skill_id: string; broader_id: string }>(
    await db.execute(
      ids
        ? sql`SELECT skill_id, broader_id FROM skill_broader WHERE skill_id IN ${ids}`
        : sql`SELECT skill_id, broader_id FROM skill_broader`,
    ),
  );
  for (const r of broaderRows) push(graph.broader, r.skill_id, r.broader_id);
  const relRows = rowsOf<{ a: string; b: string; relation: 'essential' | 'optional'; kind: string }>(
    await db.execute(
      ids
        ? sql`SELECT skill_id AS a, related_id AS b, relation::text AS relation, 'rel' AS kind FROM skill_relations
              WHERE skill_id IN ${ids}
            UNION
            SELECT skill_id, related_id, relation::text, 'rel' FROM skill_relations WHERE related_id IN ${ids}
            UNION
            SELECT from_skill_id, to_skill_id, 'essential', 'xwalk' FROM skill_crosswalks WHERE from_skill_id IN ${ids}
            UNION
            SELECT from_skill_id, to_skill_id, 'essential', 'xwalk' FROM skill_crosswalks WHERE to_skill_id IN ${ids}`
        : sql`SELECT skill_id AS a, related_id AS b, relation::text AS relation, 'rel' AS kind FROM skill_relations
            UNION ALL
            SELECT from_skill_id, to_skill_id, 'essential', 'xwalk' FROM skill_crosswalks`,
    ),
  );
  const seen = new Set<string>();
  for (const r of broaderRows) seen.add(r.skill_id).add(r.broader_id);
  for (const r of relRows) {
    if (r.kind === 'rel') {
      push(graph.related, r.a, { id: r.b, relation: r.relation });
      push(graph.related, r.b, { id: r.a, relation: r.relation });
    } else {
      push(graph.equivalents, r.a, r.b);
      push(graph.equivalents, r.b, r.a);
    }
    seen.add(r.a).add(r.b);
  }
  for (const id of skillIds ?? []) seen.add(id);
  const labelRows = skillIds
    ? rowsOf<{ id: string; label: string }>(
        await db.execute(sql`SELECT id, preferred_label AS label FROM skills
          WHERE id IN (SELECT value FROM json_array_elements_text(${JSON.stringify([...seen])}::json))`),
      )
    : await db.select({ id: skills.id, label: skills.preferredLabel }).from(skills);
  for (const r of labelRows) graph.labels.set(r.id, r.label);
  return graph;
}

export interface SkillSummary {
  id: string;
  frameworkId: string;
  label: string;
  concept: 'skill' | 'group';
  skillType: string | null;
  description: string | null;
}

const summaryColumns = {
  id: skills.id,
  frameworkId: skills.frameworkId,
  label: skills.preferredLabel,
  concept: skills.concept,
  skillType: skills.skillType,
  description: skills.description,
};

export async function getSkills(db: DbOrTx, ids: readonly string[]): Promise<SkillSummary[]> {
  if (ids.length === 0) return [];
  return db
    .select(summaryColumns)
    .from(skills)
    .where(inArray(skills.id, [...ids]));
}

/** Ancestors (broader, transitively) with their distance; nearest first. */
export async function ancestorsOf(
  db: DbOrTx,
  skillId: string,
  maxDepth = 20,
): Promise<{ id: string; label: string; depth: number }[]> {
  return rowsOf<{ id: string; label: string; depth: number }>(
    await db.execute(sql`WITH RECURSIVE up(id, depth) AS (
        SELECT broader_id, 1 FROM skill_broader WHERE skill_id = ${skillId}
        UNION
        SELECT b.broader_id, up.depth + 1 FROM skill_broader b JOIN up ON b.skill_id = up.id WHERE up.depth < ${maxDepth}
      )
      SELECT s.id, s.preferred_label AS label, min(up.depth)::int AS depth
      FROM up JOIN skills s ON s.id = up.id GROUP BY s.id, s.preferred_label ORDER BY depth, label`),
  ).map((r) => ({ ...r, depth: Number(r.depth) }));
}

/** Descendants (narrower, transitively) with their distance; nearest first. */
export async function descendantsOf(
  db: DbOrTx,
  skillId: string,
  maxDepth = 20,
  limit = 5000,
): Promise<{ id: string; label: string; depth: number }[]> {
  return rowsOf<{ id: string; label: string; depth: number }>(
    await db.execute(sql`WITH RECURSIVE down(id, depth) AS (
        SELECT skill_id, 1 FROM skill_broader WHERE broader_id = ${skillId}
        UNION
        SELECT b.skill_id, down.depth + 1 FROM skill_broader b JOIN down ON b.broader_id = down.id
        WHERE down.depth < ${maxDepth}
      )
      SELECT s.id, s.preferred_label AS label, min(down.depth)::int AS depth
      FROM down JOIN skills s ON s.id = down.id GROUP BY s.id, s.preferred_label ORDER BY depth, label LIMIT ${limit}`),
  ).map((r) => ({ ...r, depth: Number(r.depth) }));
}

/**
 * Skills within `steps` hops of a skill over broader, narrower, essential/optional relations and
 * crosswalks (undirected). Excludes the skill itself; nearest first.
 */
export async function neighboursOf(
  db: DbOrTx,
  skillId: string,
  steps = 1,
  limit = 500,
): Promise<{ id: string; label: string; distance: number }[]> {
  return rowsOf<{ id: string; label: string; distance: number }>(
    await db.execute(sql`WITH RECURSIVE edges(a, b) AS (
        SELECT skill_id, broader_id FROM skill_broader
        UNION ALL SELECT broader_id, skill_id FROM skill_broader
        UNION ALL SELECT skill_id, related_id FROM skill_relations
        UNION ALL SELECT related_id, skill_id FROM skill_relations
        UNION ALL SELECT from_skill_id, to_skill_id FROM skill_crosswalks
        UNION ALL SELECT to_skill_id, from_skill_id FROM skill_crosswalks
      ), walk(id, distance) AS (
        SELECT ${skillId}::text, 0
        UNION
        SELECT e.b, w.distance + 1 FROM walk w JOIN edges e ON e.a = w.id WHERE w.distance < ${steps}
      )
      SELECT s.id, s.preferred_label AS label, min(w.distance)::int AS distance
      FROM walk w JOIN skills s ON s.id = w.id WHERE w.id <> ${skillId}
      GROUP BY s.id, s.preferred_label ORDER BY distance, label LIMIT ${limit}`),
  ).map((r) => ({ ...r, distance: Number(r.distance) }));
}

/** Exact label lookup over preferred and alternative labels (case, commas, whitespace ignored). */
export async function findByLabel(db: DbOrTx, label: string): Promise<SkillSummary[]> {
  const key = labelKey(label);
  if (!key) return [];
  return db
    .selectDistinct(summaryColumns)
    .from(skillLabels)
    .innerJoin(skills, eq(skills.id, skillLabels.skillId))
    .where(and(eq(skillLabels.labelKey, key), sql`${skillLabels.kind} <> 'hidden'`));
}

/**
 * Autocomplete: labels starting with the query first (index prefix scan), then trigram-similar
 * preferred labels. Skills only (not groups) unless `includeGroups`.
 */
export async function searchSkills(
  db: DbOrTx,
  query: string,
  opts: { limit?: number; includeGroups?: boolean; frameworks?: string[] } = {},
): Promise<(SkillSummary & { matchedLabel: string })[]> {
  const key = labelKey(query);
  if (!key) return [];
  const limit = Math.min(opts.limit ?? 10, 50);
  const like = key.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
  const fw = opts.frameworks?.length ? sql`AND s.framework_id IN ${opts.frameworks}` : sql``;
  const groups = opts.includeGroups ? sql`` : sql`AND s.concept = 'skill'`;
  const rows = rowsOf<{
    id: string;
    framework_id: string;
    label: string;
    concept: 'skill' | 'group';
    skill_type: string | null;
    description: string | null;
    matched: string;
    score: number;
  }>(
    await db.execute(sql`
      SELECT * FROM (
        SELECT DISTINCT ON (s.id) s.id, s.framework_id, s.preferred_label AS label, s.concept::text AS concept,
          s.skill_type, s.description, l.label AS matched,
          (CASE WHEN l.label_key = ${key} THEN 3 ELSE 2 END + CASE WHEN l.kind = 'preferred' THEN 0.5 ELSE 0 END
            - length(l.label_key) / 200.0) AS score
        FROM skill_labels l JOIN skills s ON s.id = l.skill_id
        WHERE l.label_key LIKE ${like} AND l.kind <> 'hidden' ${fw} ${groups}
        ORDER BY s.id, score DESC
        LIMIT 500
      ) p
      UNION ALL
      SELECT * FROM (
        SELECT s.id, s.framework_id, s.preferred_label, s.concept::text, s.skill_type, s.description, s.preferred_label,
          similarity(lower(s.preferred_label), ${key}) AS score
        FROM skills s
        WHERE lower(s.preferred_label) % ${key} ${fw} ${groups}
        ORDER BY score DESC LIMIT ${limit}
      ) t`),
  );
  const best = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const prev = best.get(r.id);
    if (!prev || Number(r.score) > Number(prev.score)) best.set(r.id, r);
  }
  return [...best.values()]
    .sort((a, b) => Number(b.score) - Number(a.score) || a.label.localeCompare(b.label))
    .slice(0, limit)
    .map((r) => ({
      id: r.id,
      frameworkId: r.framework_id,
      label: r.label,
      concept: r.concept,
      skillType: r.skill_type,
      description: r.description,
      matchedLabel: r.matched,
    }));
}

/** An occupation's essential and optional skills (O*NET ratings included when present). */
export async function occupationProfile(db: DbOrTx, occupationId: string) {
  const [occ] = await db
    .select({
      id: occupations.id,
      label: occupations.preferredLabel,
      description: occupations.description,
      code: occupations.code,
    })
    .from(occupations)
    .where(eq(occupations.id, occupationId));
  if (!occ) return null;
  const rows = rowsOf<{
    skill_id: string;
    label: string;
    relation: 'essential' | 'optional';
    importance: number | null;
    level: number | null;
    hot: boolean;
  }>(
    await db.execute(sql`SELECT os.skill_id, s.preferred_label AS label, os.relation::text AS relation, os.importance,
        os.level, os.hot
      FROM occupation_skills os JOIN skills s ON s.id = os.skill_id
      WHERE os.occupation_id = ${occupationId}
      ORDER BY os.relation, os.importance DESC NULLS LAST, s.preferred_label`),
  );
  return {
    ...occ,
    skills: rows.map((r) => ({
      skillId: r.skill_id,
      label: r.label,
      relation: r.relation,
      importance: r.importance === null ? null : Number(r.importance),
      level: r.level === null ? null : Number(r.level),
      hot: r.hot,
    })),
  };
}

/** Occupations whose label starts with or resembles the query. */
export async function searchOccupations(db: DbOrTx, query: string, limit = 10) {
  const key = labelKey(query);
  if (!key) return [];
  return rowsOf<{ id: string; label: string; framework_id: string }>(
    await db.execute(sql`SELECT id, preferred_label AS label, framework_id FROM occupations
      WHERE lower(preferred_label) % ${key} OR lower(preferred_label) LIKE ${key + '%'}
      ORDER BY (lower(preferred_label) LIKE ${key + '%'}) DESC, similarity(lower(preferred_label), ${key}) DESC
      LIMIT ${limit}`),
  ).map((r) => ({ id: r.id, label: r.label, frameworkId: r.framework_id }));
}

/**
 * Everything the label matcher needs, per skill: preferred + alternative labels, description and
 * the labels of direct broader concepts as disambiguation context. Skill groups are excluded, except
 * the starter taxonomy's, which name real competences ("cloud computing", "DevOps", "cyber security").
 */
export async function loadSkillEntries(db: DbOrTx, frameworks?: readonly string[]): Promise<SkillEntry[]> {
  const fw = frameworks?.length ? sql`AND s.framework_id IN ${[...frameworks]}` : sql``;
  const rows = rowsOf<{
    id: string;
    label: string;
    description: string | null;
    alts: string[] | null;
    ctx: string | null;
    umbrella: boolean | null;
  }>(
    await db.execute(sql`WITH alts AS (
        SELECT skill_id, array_agg(label ORDER BY label) AS a FROM skill_labels WHERE kind = 'alt' GROUP BY skill_id
      ), ctx AS (
        SELECT b.skill_id, string_agg(p.preferred_label, ' ' ORDER BY p.preferred_label) AS c
        FROM skill_broader b JOIN skills p ON p.id = b.broader_id GROUP BY b.skill_id
      )
      SELECT s.id, s.preferred_label AS label, s.description, alts.a AS alts, ctx.c AS ctx,
        s.concept = 'group' AND ctx.skill_id IS NULL AS umbrella
      FROM skills s LEFT JOIN alts ON alts.skill_id = s.id LEFT JOIN ctx ON ctx.skill_id = s.id
      WHERE (s.concept = 'skill' OR s.framework_id = 'starter') ${fw} ORDER BY s.id`),
  );
  return rows.map((r) => ({
    id: r.id,
    preferredLabel: r.label,
    altLabels: r.alts ?? [],
    description: r.description,
    context: r.ctx,
    ...(r.umbrella ? { umbrella: true } : {}),
  }));
}

/** A fingerprint of the taxonomy content, so cached matchers can be rebuilt after an import. */
export async function taxonomyVersion(db: DbOrTx): Promise<string> {
  const r = rowsOf<{ v: string | null }>(
    await db.execute(sql`SELECT coalesce((SELECT string_agg(id || '@' || imported_at::text, ',' ORDER BY id)
        FROM skill_frameworks), '') || ':' || (SELECT count(*) FROM skill_crosswalks)::text AS v`),
  );
  return r[0]?.v ?? '';
}

/**
 * Resolves an explicit alignment (OB2 `alignment[]`, OB3 `achievement.alignment[]`) to taxonomy
 * skills: by concept URI (`targetUrl`, ESCO URIs), by framework code (`targetCode`: O*NET element or
 * SOC-independent codes, `starter:`/`esco:` ids), then by exact label of `targetName`.
 */
export async function resolveAlignment(
  db: DbOrTx,
  a: { targetName?: string; targetUrl?: string; targetFramework?: string; targetCode?: string },
): Promise<{ skillId: string; via: 'url' | 'code' | 'name' }[]> {
  const urls = [a.targetUrl, a.targetCode].filter((x): x is string => !!x && /^https?:\/\//.test(x));
  if (urls.length) {
    const variants = urls.flatMap((u) => [u, u.replace(/^https:/, 'http:'), u.replace(/\/$/, '')]);
    const byUri = await db.select({ id: skills.id }).from(skills).where(inArray(skills.uri, variants));
    if (byUri.length) return byUri.map((r) => ({ skillId: r.id, via: 'url' as const }));
  }
  if (a.targetCode) {
    const code = a.targetCode.trim();
    const fw = (a.targetFramework ?? '').toLowerCase();
    const ids = [code, `esco:${code}`, `onet:${code}`, `starter:${code}`];
    const rows = await db
      .select({ id: skills.id, frameworkId: skills.frameworkId })
      .from(skills)
      .where(sql`${skills.id} IN ${ids} OR (${skills.code} = ${code} AND ${skills.concept} = 'skill')`);
    const filtered = rows.filter(
      (r) =>
        !fw ||
        fw.includes(r.frameworkId) ||
        (r.frameworkId === 'onet' && fw.includes('o*net')) ||
        rows.length === 1,
    );
    if (filtered.length) return filtered.slice(0, 3).map((r) => ({ skillId: r.id, via: 'code' as const }));
  }
  if (a.targetName) {
    const found = (await findByLabel(db, a.targetName)).filter((s) => s.concept === 'skill');
    if (found.length >= 1 && found.length <= 3)
      return found.map((s) => ({ skillId: s.id, via: 'name' as const }));
  }
  return [];
}
