import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';

/**
 * Derives label crosswalks from the skills of framework `from` to those of framework `to`: same
 * normalized label (preferred or alternative) → `label_exact`; same label once the target's
 * parenthetical qualifier is dropped (`Python` ↔ `Python (computer programming)`) → `label_head`.
 * Per source skill only the best-scoring targets are kept (at most three). Manual crosswalks are
 * never touched; derived ones are made equal to the computed set (idempotent). Returns the number
 * of derived crosswalk rows now present.
 */
export async function linkFrameworks(tx: DbOrTx, from: string, to: string): Promise<number> {
  const present = rowsOf<{ n: number | string }>(
    await tx.execute(sql`SELECT (SELECT count(*) FROM skills WHERE framework_id = ${from})
      * (SELECT count(*) FROM skills WHERE framework_id = ${to}) AS n`),
  );
  if (Number(present[0]?.n ?? 0) === 0) return 0;
  await tx.execute(sql`CREATE TEMP TABLE IF NOT EXISTS stg_crosswalk
    (from_skill_id text, to_skill_id text, method text, confidence real) ON COMMIT DROP`);
  await tx.execute(sql`TRUNCATE stg_crosswalk`);
  await tx.execute(sql`
    INSERT INTO stg_crosswalk
    WITH src AS (
      SELECT l.skill_id, l.label_key, l.kind FROM skill_labels l JOIN skills s ON s.id = l.skill_id
      WHERE s.framework_id = ${from} AND l.kind <> 'hidden'
    ), tgt AS (
      SELECT l.skill_id, l.label_key, l.kind,
        regexp_replace(l.label_key, '\\s*\\([^()]*\\)$', '') AS head_key
      FROM skill_labels l JOIN skills s ON s.id = l.skill_id
      WHERE s.framework_id = ${to} AND s.concept = 'skill' AND l.kind <> 'hidden'
    ), m AS (
      SELECT src.skill_id AS from_id, tgt.skill_id AS to_id, 'label_exact' AS method,
        CASE WHEN src.kind = 'preferred' AND tgt.kind = 'preferred' THEN 1.0
             WHEN src.kind = 'preferred' OR tgt.kind = 'preferred' THEN 0.9 ELSE 0.8 END AS conf
      FROM src JOIN tgt ON tgt.label_key = src.label_key
      UNION ALL
      SELECT src.skill_id, tgt.skill_id, 'label_head',
        CASE WHEN tgt.kind = 'preferred' THEN 0.75 ELSE 0.65 END
      FROM src JOIN tgt ON tgt.head_key = src.label_key AND tgt.head_key <> tgt.label_key
    ), best AS (
      SELECT from_id, to_id, (array_agg(method ORDER BY conf DESC))[1] AS method, max(conf) AS conf
      FROM m GROUP BY from_id, to_id
    ), ranked AS (
      SELECT *, rank() OVER (PARTITION BY from_id ORDER BY conf DESC) AS r,
        row_number() OVER (PARTITION BY from_id ORDER BY conf DESC, to_id) AS rn
      FROM best
    )
    SELECT from_id, to_id, method, conf FROM ranked WHERE r = 1 AND rn <= 3`);
  await tx.execute(sql`
    DELETE FROM skill_crosswalks c USING skills a, skills b
    WHERE a.id = c.from_skill_id AND b.id = c.to_skill_id AND a.framework_id = ${from} AND b.framework_id = ${to}
      AND c.method <> 'manual'
      AND NOT EXISTS (SELECT 1 FROM stg_crosswalk x WHERE x.from_skill_id = c.from_skill_id
        AND x.to_skill_id = c.to_skill_id AND x.method = c.method AND x.confidence = c.confidence)`);
  await tx.execute(sql`
    INSERT INTO skill_crosswalks (from_skill_id, to_skill_id, method, confidence)
    SELECT from_skill_id, to_skill_id, method, confidence FROM stg_crosswalk
    ON CONFLICT (from_skill_id, to_skill_id) DO NOTHING`);
  const n = rowsOf<{ n: number | string }>(await tx.execute(sql`SELECT count(*) AS n FROM stg_crosswalk`));
  return Number(n[0]?.n ?? 0);
}
