import { closingTheGap, type KnownAchievement } from '@/server/domain/ranking';

/**
 * The achievements known to certify each skill ("closing the gap"), cached per skill. The aggregate behind it runs
 * over every candidate's evidence for the skills asked (≈ 0.65 s for a 20-skill job at 100k candidates) while its
 * answer — who issues what — changes slowly, and every ranking of a job asks about the same skills. So:
 *
 * - one query per skill at a time: requests arriving while a skill is being read wait for that read instead of
 *   starting their own (50 users opening new lists at once used to start 50 aggregates and stall for seconds);
 * - an entry older than `ttlMs` is still served, and read again in the background (one refresh at a time);
 * - at most `maxSkills` entries, the oldest dropped first.
 */
export function createAchievementCatalog(
  load: (skillIds: readonly string[]) => Promise<Map<string, KnownAchievement[]>>,
  options: {
    ttlMs: number;
    maxSkills: number;
    now?: () => number;
    onRefreshError?: (error: unknown) => void;
  },
) {
  const now = options.now ?? Date.now;
  const entries = new Map<
    string,
    { at: number; achievements: KnownAchievement[]; suggestions?: KnownAchievement[] }
  >();
  const reading = new Map<string, Promise<void>>();

  function read(skillIds: readonly string[]): Promise<void> {
    const pending = (async () => {
      const fresh = await load(skillIds);
      const at = now();
      for (const id of skillIds) {
        entries.delete(id);
        entries.set(id, { at, achievements: fresh.get(id) ?? [] });
      }
      while (entries.size > options.maxSkills) entries.delete(entries.keys().next().value!);
    })().finally(() => {
      for (const id of skillIds) if (reading.get(id) === pending) reading.delete(id);
    });
    for (const id of skillIds) reading.set(id, pending);
    return pending;
  }

  /** Each skill's known achievements, waiting only for skills never read before. */
  async function achievements(skillIds: readonly string[]): Promise<Map<string, KnownAchievement[]>> {
    const t = now();
    const unknown: string[] = [];
    const stale: string[] = [];
    for (const id of new Set(skillIds)) {
      if (reading.has(id)) continue;
      const entry = entries.get(id);
      if (!entry) unknown.push(id);
      else if (t - entry.at > options.ttlMs) stale.push(id);
    }
    if (stale.length > 0) read(stale).catch((error) => options.onRefreshError?.(error));
    if (unknown.length > 0) read(unknown);
    const waits = new Set<Promise<void>>();
    for (const id of skillIds) {
      const pending = reading.get(id);
      if (pending && !entries.has(id)) waits.add(pending);
    }
    await Promise.all(waits);
    return new Map(skillIds.map((id) => [id, entries.get(id)?.achievements ?? []]));
  }

  /** "Closing the gap" per skill: the same for every candidate lacking it, so sorted once per entry. */
  async function suggestions(skillIds: readonly string[]): Promise<Record<string, KnownAchievement[]>> {
    const catalog = await achievements(skillIds);
    return Object.fromEntries(
      skillIds.map((id) => {
        const entry = entries.get(id);
        if (!entry) return [id, closingTheGap(id, catalog)];
        entry.suggestions ??= closingTheGap(id, catalog);
        return [id, entry.suggestions];
      }),
    );
  }

  return { achievements, suggestions };
}
