/**
 * Ranking metrics of the skill-extraction benchmark, as defined by its README and techwolf-ai/workrb
 * (`metrics/ranking.py`), kept pure so they can be unit-tested apart from the evaluation script.
 */

/** Labels that mean "no ESCO skill fits"; they never count as relevant. */
export const NON_LABELS: ReadonlySet<string> = new Set(['LABEL NOT PRESENT', 'UNDERSPECIFIED']);

/** R-Precision@k: |relevant ∩ top k| / min(k, |relevant|). 0 when nothing is relevant. */
export function rPrecisionAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i])) hits++;
  return hits / Math.min(k, relevant.size);
}

/** 1 / rank of the first relevant item (ranks start at 1); 0 when none is ranked. */
export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  for (let i = 0; i < ranked.length; i++) if (relevant.has(ranked[i])) return 1 / (i + 1);
  return 0;
}

/**
 * Groups annotation rows into queries: one per distinct sentence, relevant = its distinct labels minus
 * the non-labels; sentences left without any relevant label are dropped. Order of first appearance.
 */
export function groupQueries(
  rows: readonly { sentence: string; label: string }[],
): { sentence: string; labels: string[] }[] {
  const by = new Map<string, Set<string>>();
  for (const r of rows) {
    let set = by.get(r.sentence);
    if (!set) by.set(r.sentence, (set = new Set()));
    const label = r.label.trim();
    if (!NON_LABELS.has(label)) set.add(label);
  }
  return [...by.entries()]
    .filter(([, s]) => s.size > 0)
    .map(([sentence, s]) => ({ sentence, labels: [...s] }));
}
