import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { loadSkillEntries, taxonomyVersion } from '@/server/adapters/db/taxonomy.repo';
import { buildSkillIndex, type SkillIndex } from '@/server/domain/skills/skill-index';

const FRAMEWORK_RANK: Record<string, number> = { starter: 0, esco: 1, onet: 2 };
const cache = new Map<string, Promise<SkillIndex>>();

/**
 * The label index over every skill in the database, built once per taxonomy version (an import or
 * seed changes the version and the next call rebuilds). Skills that crosswalks declare equivalent are
 * reported under one canonical id, preferring starter, then ESCO, then O*NET ids, so one concept
 * named in several frameworks is neither duplicated nor treated as ambiguous.
 */
export async function getSkillIndex(db: DbOrTx): Promise<SkillIndex> {
  const version = await taxonomyVersion(db);
  let p = cache.get(version);
  if (!p) {
    p = buildFromDb(db);
    cache.set(version, p);
    p.catch(() => cache.delete(version));
    while (cache.size > 2) cache.delete(cache.keys().next().value as string);
  }
  return p;
}

async function buildFromDb(db: DbOrTx): Promise<SkillIndex> {
  const entries = await loadSkillEntries(db);
  const rank = (id: string) => FRAMEWORK_RANK[id.slice(0, id.indexOf(':'))] ?? 3;
  const links = rowsOf<{ a: string; b: string; confidence: number }>(
    await db.execute(sql`SELECT from_skill_id AS a, to_skill_id AS b, confidence FROM skill_crosswalks
      ORDER BY confidence DESC, from_skill_id, to_skill_id`),
  );
  const neighbours = new Map<string, string[]>();
  for (const l of links) {
    (neighbours.get(l.a) ?? neighbours.set(l.a, []).get(l.a)!).push(l.b);
    (neighbours.get(l.b) ?? neighbours.set(l.b, []).get(l.b)!).push(l.a);
  }
  // Canonical id = best-ranked skill reachable through at most two crosswalk hops (onet → esco → starter).
  for (const e of entries) {
    let best = e.id;
    const first = neighbours.get(e.id) ?? [];
    for (const n of first) {
      if (rank(n) < rank(best)) best = n;
      for (const m of neighbours.get(n) ?? []) if (rank(m) < rank(best)) best = m;
    }
    if (best !== e.id) e.canonicalId = best;
  }
  return buildSkillIndex(entries);
}
