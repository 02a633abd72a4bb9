import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSearchDocument,
  type CandidateSearchDocument,
  type CredentialStatus,
  type SearchSourceSkill,
} from '@/server/domain/search/search-document';
import type { CandidateSearchQuery } from '@/server/domain/search/search-query';
import type { SearchIndex } from '@/server/ports/search-index';

export interface ContractEngine {
  index: SearchIndex;
  cleanup(): Promise<void>;
}

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';
const ORG_C = '00000000-0000-4000-8000-00000000000c';

/**
 * A small taxonomy: software > programming > {python, javascript}; data > {sql, spreadsheets}; devops >
 * kubernetes; rust; quality assurance.
 */
const TAXONOMY = new Map<string, SearchSourceSkill>([
  ['starter:software', { label: 'Software development', altLabels: [], ancestorIds: [] }],
  ['starter:programming', { label: 'Programming', altLabels: ['coding'], ancestorIds: ['starter:software'] }],
  [
    'starter:python',
    {
      label: 'Python',
      altLabels: ['Python programming'],
      ancestorIds: ['starter:programming', 'starter:software'],
    },
  ],
  [
    'starter:javascript',
    {
      label: 'JavaScript',
      altLabels: ['JS', 'ECMAScript'],
      ancestorIds: ['starter:programming', 'starter:software'],
    },
  ],
  ['starter:data', { label: 'Data management', altLabels: [], ancestorIds: [] }],
  ['starter:sql', { label: 'SQL', altLabels: ['Structured Query Language'], ancestorIds: ['starter:data'] }],
  ['starter:devops', { label: 'DevOps', altLabels: [], ancestorIds: [] }],
  ['starter:kubernetes', { label: 'Kubernetes', altLabels: ['k8s'], ancestorIds: ['starter:devops'] }],
  ['starter:spreadsheets', { label: 'Spreadsheets', altLabels: ['Excel'], ancestorIds: ['starter:data'] }],
  ['starter:rust', { label: 'Rust', altLabels: [], ancestorIds: [] }],
  ['starter:qa', { label: 'Quality assurance', altLabels: [], ancestorIds: [] }],
]);

let sequence = 0;
function uuid(n: number): string {
  return `10000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

interface Person {
  name: string;
  headline?: string;
  location?: string;
  availability?: CandidateSearchDocument['availability'];
  visibility?: 'public' | 'applied_only';
  applied?: string[];
  credentials: { skills: string[]; status: CredentialStatus; issuer: string; achievement: string }[];
  updatedDaysAgo?: number;
}

function documentOf(person: Person, n: number): CandidateSearchDocument {
  const id = uuid(n);
  const credentials = person.credentials.map((credential, i) => ({
    id: `${id}-c${i}`,
    status: credential.status,
    issuerName: credential.issuer,
    achievementName: credential.achievement,
    updatedAt: null,
  }));
  const evidence = person.credentials.flatMap((credential, i) =>
    credential.skills.map((skillId) => ({
      skillId,
      credentialId: `${id}-c${i}`,
      confidence: 0.9,
      state: 'confirmed' as const,
    })),
  );
  const document = buildSearchDocument({
    candidate: {
      id,
      displayName: person.name,
      headline: person.headline ?? '',
      location: person.location ?? '',
      availability: person.availability ?? 'within_quarter',
      visibility: person.visibility ?? 'public',
      updatedAt: new Date(Date.UTC(2026, 0, 1) - (person.updatedDaysAgo ?? 30) * 86_400_000),
    },
    appliedOrganizationIds: person.applied ?? [],
    credentials,
    evidence,
    skills: TAXONOMY,
  });
  if (!document) throw new Error('fixture must be indexable');
  return document;
}

const PEOPLE: Record<string, Person> = {
  ada: {
    name: 'Ada Lovelace',
    headline: 'Backend engineer',
    location: 'Berlin',
    availability: 'immediately',
    credentials: [
      {
        skills: ['starter:python'],
        status: 'verified',
        issuer: 'Python Institute',
        achievement: 'PCAP Certified Associate',
      },
      { skills: ['starter:sql'], status: 'unverifiable', issuer: 'Data School', achievement: 'SQL Basics' },
    ],
    updatedDaysAgo: 1,
  },
  ben: {
    name: 'Ben Okafor',
    headline: 'Platform engineer',
    location: 'London',
    availability: 'within_month',
    credentials: [
      {
        skills: ['starter:javascript'],
        status: 'verified',
        issuer: 'OpenJS Foundation',
        achievement: 'Node.js Developer',
      },
      {
        skills: ['starter:kubernetes'],
        status: 'verified',
        issuer: 'CNCF',
        achievement: 'Certified Kubernetes Administrator',
      },
    ],
    updatedDaysAgo: 5,
  },
  cara: {
    name: 'Cara Nguyen',
    headline: 'Data analyst',
    location: 'Berlin',
    visibility: 'applied_only',
    applied: [ORG_A],
    credentials: [
      {
        skills: ['starter:python'],
        status: 'expired',
        issuer: 'Coursera',
        achievement: 'Python for Everybody',
      },
    ],
    updatedDaysAgo: 3,
  },
  dan: {
    name: 'Dan Weiss',
    headline: 'Database administrator',
    location: 'Paris',
    availability: 'not_looking',
    credentials: [
      {
        skills: ['starter:sql'],
        status: 'verified',
        issuer: 'Oracle',
        achievement: 'Oracle Database SQL Certified',
      },
    ],
    updatedDaysAgo: 10,
  },
  eve: {
    name: 'Eve Martin',
    headline: 'Site reliability engineer',
    location: 'Madrid',
    visibility: 'applied_only',
    applied: [ORG_B],
    credentials: [
      {
        skills: ['starter:kubernetes'],
        status: 'verified',
        issuer: 'CNCF',
        achievement: 'Certified Kubernetes Application Developer',
      },
    ],
    updatedDaysAgo: 2,
  },
  // "rust" in a skill label (ivo), in a headline (jun), in an achievement (kim): relevance ranks them in that
  // order, the reverse of their verified skills and recency
  ivo: {
    name: 'Ivo Petrov',
    headline: 'Systems developer',
    location: 'Sofia',
    credentials: [
      {
        skills: ['starter:rust'],
        status: 'unverifiable',
        issuer: 'Ferrous Academy',
        achievement: 'Memory safety course',
      },
    ],
    updatedDaysAgo: 60,
  },
  jun: {
    name: 'Jun Park',
    headline: 'Rust enthusiast',
    location: 'Seoul',
    credentials: [
      { skills: ['starter:qa'], status: 'verified', issuer: 'QA Board', achievement: 'Test Analyst' },
    ],
    updatedDaysAgo: 20,
  },
  kim: {
    name: 'Kim Berg',
    headline: 'Tester',
    location: 'Oslo',
    credentials: [
      { skills: ['starter:qa'], status: 'verified', issuer: 'QA Board', achievement: 'Rust Fundamentals' },
    ],
    updatedDaysAgo: 1,
  },
};
const FILLER_COUNT = 25;

/**
 * The SearchIndex contract: the same behaviour from every engine. `open` returns a fresh, empty index with
 * settings applied, or null (with the reason already printed) when the engine is unavailable here.
 */
export function describeSearchIndexContract(
  engineName: string,
  open: () => Promise<ContractEngine | null>,
): void {
  describe(`SearchIndex contract: ${engineName}`, () => {
    let engine: ContractEngine | null = null;
    const ids: Record<string, string> = {};
    const docs: Record<string, CandidateSearchDocument> = {};

    beforeAll(async () => {
      engine = await open();
      if (!engine) return;
      sequence = 0;
      for (const [key, person] of Object.entries(PEOPLE)) {
        const document = documentOf(person, ++sequence);
        ids[key] = document.id;
        docs[key] = document;
      }
      for (let i = 0; i < FILLER_COUNT; i++) {
        const document = documentOf(
          {
            name: `Filler Person ${String(i).padStart(2, '0')}`,
            headline: 'Office administrator',
            location: 'Lyon',
            credentials: [
              {
                skills: ['starter:spreadsheets'],
                status: i % 2 ? 'verified' : 'unverifiable',
                issuer: 'Office Academy',
                achievement: 'Spreadsheet Pro',
              },
            ],
            updatedDaysAgo: 100 + i,
          },
          1000 + i,
        );
        docs[`filler${i}`] = document;
      }
      await engine.index.upsert(Object.values(docs));
    });
    afterAll(async () => engine?.cleanup());

    const search = (query: CandidateSearchQuery, org = ORG_C) =>
      engine!.index.search(query, { organizationId: org });
    const idsOf = (result: Awaited<ReturnType<typeof search>>) =>
      result.hits.map((hit) => hit.document.id).sort();

    it('indexes every document it is given', async ({ skip }) => {
      if (!engine) return skip();
      expect(await engine.index.count()).toBe(Object.keys(docs).length);
      expect(await engine.index.getDocument(ids.ada)).toEqual(docs.ada);
    });

    it('finds candidates by free text despite typos, ranking by relevance', async ({ skip }) => {
      if (!engine) return skip();
      expect(idsOf(await search({ text: 'pyhton' }))).toEqual([ids.ada]);
      expect(idsOf(await search({ text: 'pyhton' }, ORG_A))).toEqual([ids.ada, ids.cara].sort());
      expect(idsOf(await search({ text: 'kubernets' }))).toEqual([ids.ben]);
      expect(idsOf(await search({ text: 'lovelace' }))).toEqual([ids.ada]);
      expect(idsOf(await search({ text: 'k8s' }))).toEqual([ids.ben]);
      expect((await search({ text: 'qwertyuiop' })).total).toBe(0);
    });

    it('ranks by where the words matched (skill labels, then headline, then elsewhere) before any sort key', async ({
      skip,
    }) => {
      if (!engine) return skip();
      const inOrder = (result: Awaited<ReturnType<typeof search>>) =>
        result.hits.map((hit) => hit.document.id);
      expect(inOrder(await search({ text: 'rust' }))).toEqual([ids.ivo, ids.jun, ids.kim]);
      expect(inOrder(await search({ text: 'rust', sort: 'verified_skills' }))).toEqual([
        ids.kim,
        ids.jun,
        ids.ivo,
      ]);
    });

    it('answers odd text without error: stop words, operators, digits, other scripts, the most words', async ({
      skip,
    }) => {
      if (!engine) return skip();
      const texts = [
        'the',
        'and or not',
        "o'reilly",
        "c++ & | ! :* ( ) ' \\",
        '2024',
        'Müller Straße',
        '数据',
        'x'.repeat(60),
        Array.from({ length: 14 }, (_, i) => `word${i}`).join(' '),
      ];
      for (const text of texts) {
        const result = await search({ text, facets: ['skills'] });
        expect(result.total, text).toBeGreaterThanOrEqual(0);
      }
      // search syntax is not the recruiter's: operators are only separators
      expect(idsOf(await search({ text: "lovelace & | ! :* ('" }))).toEqual([ids.ada]);
    });

    it('treats the last word as a prefix while typing', async ({ skip }) => {
      if (!engine) return skip();
      expect(idsOf(await search({ text: 'kuber' }))).toEqual([ids.ben]);
    });

    it('highlights the skills the query matched', async ({ skip }) => {
      if (!engine) return skip();
      const result = await search({ text: 'pythn' });
      const [hit] = result.hits;
      expect(hit.document.id).toBe(ids.ada);
      const python = hit.matchedSkills.find((skill) => skill.id === 'starter:python');
      expect(python?.matchedBy).toContain('text');
      expect(python?.highlight.filter((segment) => segment.match).map((segment) => segment.text)).toEqual([
        'Python',
      ]);
      expect(hit.matchedSkills.some((skill) => skill.id === 'starter:sql')).toBe(false);
    });

    it('matches skill filters on descendants of the named skill', async ({ skip }) => {
      if (!engine) return skip();
      expect(idsOf(await search({ filters: { skillsAll: ['starter:programming'] } }))).toEqual(
        [ids.ada, ids.ben].sort(),
      );
      expect(idsOf(await search({ filters: { skillsAll: ['starter:software', 'starter:devops'] } }))).toEqual(
        [ids.ben],
      );
      expect(idsOf(await search({ filters: { skillsAny: ['starter:python', 'starter:sql'] } }))).toEqual(
        [ids.ada, ids.dan].sort(),
      );
      const none = await search({ filters: { skillsNone: ['starter:data'] } });
      expect(idsOf(none)).toEqual([ids.ben, ids.ivo, ids.jun, ids.kim].sort());
      const hit = (await search({ filters: { skillsAny: ['starter:programming'] } })).hits.find(
        (h) => h.document.id === ids.ben,
      );
      expect(hit?.matchedSkills.map((skill) => skill.id)).toEqual(['starter:javascript']);
      expect(hit?.matchedSkills[0].matchedBy).toEqual(['filter']);
    });

    it('filters on verified skills and on credential verification status', async ({ skip }) => {
      if (!engine) return skip();
      expect(idsOf(await search({ filters: { skillsAll: ['starter:python'] } }, ORG_A))).toEqual(
        [ids.ada, ids.cara].sort(),
      );
      expect(
        idsOf(await search({ filters: { skillsAll: ['starter:python'], verifiedSkillsOnly: true } }, ORG_A)),
      ).toEqual([ids.ada]);
      expect(
        idsOf(await search({ filters: { skillsAny: ['starter:sql'], verifiedSkillsOnly: true } })),
      ).toEqual([ids.dan]);
      expect(idsOf(await search({ filters: { credentialStatuses: ['expired'] } }, ORG_A))).toEqual([
        ids.cara,
      ]);
      expect((await search({ filters: { credentialStatuses: ['expired'] } }, ORG_B)).total).toBe(0);
    });

    it('filters on issuer, location and availability', async ({ skip }) => {
      if (!engine) return skip();
      expect(idsOf(await search({ filters: { issuers: ['CNCF'] } }, ORG_B))).toEqual(
        [ids.ben, ids.eve].sort(),
      );
      expect(idsOf(await search({ filters: { locations: ['Berlin'] } }, ORG_A))).toEqual(
        [ids.ada, ids.cara].sort(),
      );
      expect(idsOf(await search({ filters: { availability: ['immediately', 'not_looking'] } }))).toEqual(
        [ids.ada, ids.dan].sort(),
      );
    });

    it('counts facets over the visible matching set', async ({ skip }) => {
      if (!engine) return skip();
      const result = await search(
        {
          filters: { skillsAny: ['starter:software', 'starter:devops'] },
          facets: ['issuers', 'availability', 'skills', 'location', 'credentialStatuses'],
        },
        ORG_B,
      );
      expect(idsOf(result)).toEqual([ids.ada, ids.ben, ids.eve].sort());
      const asRecord = (values: { value: string; count: number }[] | undefined) =>
        Object.fromEntries((values ?? []).map((value) => [value.value, value.count]));
      expect(asRecord(result.facets.issuers)).toEqual({
        CNCF: 2,
        'Python Institute': 1,
        'Data School': 1,
        'OpenJS Foundation': 1,
      });
      expect(asRecord(result.facets.availability)).toEqual({
        immediately: 1,
        within_month: 1,
        within_quarter: 1,
      });
      expect(asRecord(result.facets.skills)).toEqual({
        'starter:kubernetes': 2,
        'starter:python': 1,
        'starter:javascript': 1,
        'starter:sql': 1,
      });
      expect(asRecord(result.facets.location)).toEqual({ Berlin: 1, London: 1, Madrid: 1 });
      expect(asRecord(result.facets.credentialStatuses)).toEqual({ verified: 3, unverifiable: 1 });
      expect(result.facets.issuers?.[0]).toEqual({ value: 'CNCF', count: 2 });
    });

    it('returns only candidates visible to the searching organization', async ({ skip }) => {
      if (!engine) return skip();
      const visible = (org: string) =>
        search(
          { filters: { skillsAny: ['starter:software', 'starter:devops', 'starter:data'] }, pageSize: 100 },
          org,
        ).then(idsOf);
      const a = await visible(ORG_A);
      const b = await visible(ORG_B);
      const c = await visible(ORG_C);
      expect(a).toContain(ids.cara);
      expect(a).not.toContain(ids.eve);
      expect(b).toContain(ids.eve);
      expect(b).not.toContain(ids.cara);
      expect(c).not.toContain(ids.cara);
      expect(c).not.toContain(ids.eve);
      const facets = await search({ text: 'kubernetes', facets: ['issuers'] }, ORG_C);
      expect(facets.facets.issuers).toEqual([
        { value: 'CNCF', count: 1 },
        { value: 'OpenJS Foundation', count: 1 },
      ]);
    });

    it('paginates without overlap and reports totals', async ({ skip }) => {
      if (!engine) return skip();
      const query: CandidateSearchQuery = {
        filters: { skillsAll: ['starter:spreadsheets'] },
        sort: 'recency',
        pageSize: 10,
      };
      const pages = await Promise.all([1, 2, 3].map((page) => search({ ...query, page })));
      expect(pages.map((page) => page.hits.length)).toEqual([10, 10, 5]);
      expect(
        pages.every((page) => page.total === FILLER_COUNT && page.totalPages === 3 && !page.totalCapped),
      ).toBe(true);
      const all = pages.flatMap((page) => page.hits.map((hit) => hit.document.id));
      expect(new Set(all).size).toBe(FILLER_COUNT);
      const names = pages.flatMap((page) => page.hits.map((hit) => hit.document.displayName));
      expect(names[0]).toBe('Filler Person 00');
      expect(names[24]).toBe('Filler Person 24');
      const beyond = await search({ ...query, page: 4 });
      expect(beyond.hits).toEqual([]);
      expect(beyond.total).toBe(FILLER_COUNT);
    });

    it('sorts by verified skill count and by recency', async ({ skip }) => {
      if (!engine) return skip();
      const verified = await search({
        filters: { skillsAny: ['starter:software', 'starter:devops'] },
        sort: 'verified_skills',
      });
      expect(verified.hits[0].document.id).toBe(ids.ben);
      const recent = await search(
        { filters: { skillsAny: ['starter:software', 'starter:devops', 'starter:sql'] }, sort: 'recency' },
        ORG_A,
      );
      expect(recent.hits.map((hit) => hit.document.id)).toEqual([ids.ada, ids.cara, ids.ben, ids.dan]);
    });

    it('replaces a document on upsert and forgets it on delete', async ({ skip }) => {
      if (!engine) return skip();
      const before = await engine.index.count();
      const moved = { ...docs.dan, location: 'Vienna' };
      await engine.index.upsert([moved]);
      await engine.index.upsert([moved]);
      expect(await engine.index.count()).toBe(before);
      expect(idsOf(await search({ filters: { locations: ['Vienna'] } }))).toEqual([ids.dan]);
      expect((await search({ filters: { locations: ['Paris'] } })).total).toBe(0);

      await engine.index.delete([ids.dan, '10000000-0000-4000-8000-ffffffffffff']);
      expect(await engine.index.count()).toBe(before - 1);
      expect(await engine.index.getDocument(ids.dan)).toBeNull();
      expect((await search({ text: 'oracle' })).total).toBe(0);
      expect(
        (await search({ filters: { skillsAny: ['starter:sql'] } })).hits.map((hit) => hit.document.id),
      ).toEqual([ids.ada]);
    });

    it('rebuilds into a new index and swaps it in', async ({ skip }) => {
      if (!engine) return skip();
      const rebuild = await engine.index.beginRebuild();
      await rebuild.upsert([docs.ada, docs.ben]);
      expect(await engine.index.count()).toBeGreaterThan(2);
      await rebuild.commit();
      expect(await engine.index.count()).toBe(2);
      expect(idsOf(await search({ text: 'pyhton' }))).toEqual([ids.ada]);
      expect(idsOf(await search({ filters: { skillsAll: ['starter:programming'] } }))).toEqual(
        [ids.ada, ids.ben].sort(),
      );
      await engine.index.upsert([docs.eve]);
      expect(idsOf(await search({ text: 'kubernetes' }, ORG_B))).toEqual([ids.ben, ids.eve].sort());
      const health = await engine.index.health();
      expect(health).toMatchObject({ ok: true, engine: engine.index.kind, documents: 3 });
    });
  });
}
