import { describe, expect, it } from 'vitest';
import type { KnownAchievement } from '@/server/domain/ranking';
import { createAchievementCatalog } from '@/server/services/achievement-catalog';

/** A loader that records its calls and answers when told to. */
function controlledLoader() {
  const calls: string[][] = [];
  const pending: { ids: readonly string[]; resolve: () => void; reject: (e: Error) => void }[] = [];
  let version = 1;
  const load = (ids: readonly string[]) =>
    new Promise<Map<string, KnownAchievement[]>>((resolve, reject) => {
      calls.push([...ids]);
      const v = version;
      pending.push({
        ids,
        resolve: () =>
          resolve(
            new Map(
              ids.map((id) => [
                id,
                [{ skillId: id, achievementName: `${id} badge v${v}`, issuerName: 'Academy', holders: v }],
              ]),
            ),
          ),
        reject,
      });
    });
  return {
    load,
    calls,
    answerAll: () => pending.splice(0).forEach((p) => p.resolve()),
    failAll: () => pending.splice(0).forEach((p) => p.reject(new Error('database down'))),
    nextVersion: () => version++,
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('achievement catalog', () => {
  it('reads a skill once for concurrent requests, and only the skills not already being read', async () => {
    const loader = controlledLoader();
    const catalog = createAchievementCatalog(loader.load, { ttlMs: 1_000, maxSkills: 100 });
    const first = catalog.achievements(['a', 'b']);
    const second = catalog.achievements(['b', 'c']);
    await flush();
    expect(loader.calls).toEqual([['a', 'b'], ['c']]);
    loader.answerAll();
    expect((await first).get('a')![0].achievementName).toBe('a badge v1');
    expect((await second).get('c')![0].achievementName).toBe('c badge v1');
    await catalog.achievements(['a', 'b', 'c']);
    expect(loader.calls).toHaveLength(2);
  });

  it('serves an expired entry at once and reads it again in the background', async () => {
    let t = 0;
    const loader = controlledLoader();
    const catalog = createAchievementCatalog(loader.load, { ttlMs: 1_000, maxSkills: 100, now: () => t });
    const first = catalog.achievements(['a']);
    loader.answerAll();
    await first;
    t = 5_000;
    loader.nextVersion();
    const stale = await catalog.achievements(['a']);
    expect(stale.get('a')![0].achievementName).toBe('a badge v1');
    await catalog.achievements(['a']);
    expect(loader.calls).toEqual([['a'], ['a']]);
    loader.answerAll();
    await flush();
    expect((await catalog.achievements(['a'])).get('a')![0].achievementName).toBe('a badge v2');
    expect((await catalog.suggestions(['a'])).a[0].holders).toBe(2);
  });

  it('keeps serving the last read when a refresh fails, and reports it', async () => {
    let t = 0;
    const errors: unknown[] = [];
    const loader = controlledLoader();
    const catalog = createAchievementCatalog(loader.load, {
      ttlMs: 1_000,
      maxSkills: 100,
      now: () => t,
      onRefreshError: (e) => errors.push(e),
    });
    const first = catalog.achievements(['a']);
    loader.answerAll();
    await first;
    t = 5_000;
    await catalog.achievements(['a']);
    loader.failAll();
    await flush();
    expect(errors).toHaveLength(1);
    expect((await catalog.achievements(['a'])).get('a')![0].achievementName).toBe('a badge v1');
  });

  it('fails the requests waiting for a first read when it fails, and reads again on the next request', async () => {
    const loader = controlledLoader();
    const catalog = createAchievementCatalog(loader.load, { ttlMs: 1_000, maxSkills: 100 });
    const waiting = catalog.achievements(['a']);
    loader.failAll();
    await expect(waiting).rejects.toThrow('database down');
    const again = catalog.achievements(['a']);
    loader.answerAll();
    expect((await again).get('a')).toHaveLength(1);
    expect(loader.calls).toEqual([['a'], ['a']]);
  });

  it('holds at most maxSkills entries, dropping the oldest read', async () => {
    const loader = controlledLoader();
    const catalog = createAchievementCatalog(loader.load, { ttlMs: 1_000, maxSkills: 2 });
    for (const id of ['a', 'b', 'c']) {
      const p = catalog.achievements([id]);
      loader.answerAll();
      await p;
    }
    const p = catalog.achievements(['a', 'c']);
    await flush();
    loader.answerAll();
    await p;
    expect(loader.calls).toEqual([['a'], ['b'], ['c'], ['a']]);
  });
});
