import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '@/tests/helpers/db';
import { skillCrosswalks, skillLabels, skills, occupationSkills } from '@/db/schema';
import { seedStarterTaxonomy, starterTaxonomy } from '@/db/seed/starter-taxonomy';
import { ImportValidationError } from '@/server/adapters/taxonomy/csv-table';
import { importEsco } from '@/server/adapters/taxonomy/esco.importer';
import { importOnet } from '@/server/adapters/taxonomy/onet.importer';
import {
  ancestorsOf,
  descendantsOf,
  findByLabel,
  loadSkillEntries,
  loadTaxonomyGraph,
  neighboursOf,
  occupationProfile,
  resolveAlignment,
  searchSkills,
} from '@/server/adapters/db/taxonomy.repo';

const E = 'http://data.europa.eu/esco/';
const U = {
  py: `${E}skill/11111111-aaaa-4000-8000-000000000001`,
  js: `${E}skill/11111111-aaaa-4000-8000-000000000002`,
  prog: `${E}skill/11111111-aaaa-4000-8000-000000000003`,
  ict: `${E}skill/S5.6`,
  dev: `${E}occupation/22222222-bbbb-4000-8000-000000000001`,
};

function csv(rows: string[][]): string {
  return (
    rows
      .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
      .join('\r\n') + '\r\n'
  );
}

/** A tiny ESCO in the official download layout (newline-separated altLabels, extra columns). */
function writeOfficial(dir: string, opts: { pythonLabel?: string } = {}): void {
  fs.mkdirSync(dir, { recursive: true });
  const skillHead = [
    'conceptType',
    'conceptUri',
    'skillType',
    'reuseLevel',
    'preferredLabel',
    'altLabels',
    'hiddenLabels',
    'status',
    'modifiedDate',
    'scopeNote',
    'definition',
    'inScheme',
    'description',
  ];
  fs.writeFileSync(
    path.join(dir, 'skills_en.csv'),
    csv([
      skillHead,
      [
        'KnowledgeSkillCompetence',
        U.py,
        'knowledge',
        'cross-sector',
        opts.pythonLabel ?? 'Python (computer programming)',
        'Python\nPython 3',
        '',
        'released',
        '',
        '',
        '',
        '',
        'Programming in Python.',
      ],
      [
        'KnowledgeSkillCompetence',
        U.js,
        'knowledge',
        'cross-sector',
        'JavaScript',
        'JS',
        '',
        'released',
        '',
        '',
        '',
        '',
        'Scripting for the web,\nwith two lines.',
      ],
      [
        'KnowledgeSkillCompetence',
        U.prog,
        'skill/competence',
        'cross-sector',
        'computer programming',
        'coding',
        '',
        'released',
        '',
        '',
        '',
        '',
        'Writing programs.',
      ],
    ]),
  );
  fs.writeFileSync(
    path.join(dir, 'skillGroups_en.csv'),
    csv([
      [
        'conceptType',
        'conceptUri',
        'preferredLabel',
        'altLabels',
        'hiddenLabels',
        'status',
        'modifiedDate',
        'scopeNote',
        'inScheme',
        'description',
        'code',
      ],
      [
        'SkillGroup',
        U.ict,
        'ICT skills',
        '',
        '',
        'released',
        '',
        '',
        '',
        'Information and communication technology.',
        'S5.6',
      ],
    ]),
  );
  fs.writeFileSync(
    path.join(dir, 'broaderRelationsSkillPillar_en.csv'),
    csv([
      ['conceptType', 'conceptUri', 'broaderType', 'broaderUri'],
      ['KnowledgeSkillCompetence', U.py, 'KnowledgeSkillCompetence', U.prog],
      ['KnowledgeSkillCompetence', U.js, 'KnowledgeSkillCompetence', U.prog],
      ['KnowledgeSkillCompetence', U.prog, 'SkillGroup', U.ict],
    ]),
  );
  fs.writeFileSync(
    path.join(dir, 'skillSkillRelations_en.csv'),
    csv([
      ['originalSkillUri', 'originalSkillType', 'relationType', 'relatedSkillType', 'relatedSkillUri'],
      [U.py, 'knowledge', 'optional', 'skill/competence', U.prog],
    ]),
  );
  fs.writeFileSync(
    path.join(dir, 'occupations_en.csv'),
    csv([
      [
        'conceptType',
        'conceptUri',
        'iscoGroup',
        'preferredLabel',
        'altLabels',
        'hiddenLabels',
        'status',
        'modifiedDate',
        'regulatedProfessionNote',
        'scopeNote',
        'definition',
        'inScheme',
        'description',
        'code',
      ],
      [
        'Occupation',
        U.dev,
        '2512',
        'software developer',
        'programmer\ncoder',
        '',
        'released',
        '',
        '',
        '',
        '',
        '',
        'Writes software.',
        '2512.4',
      ],
    ]),
  );
  fs.writeFileSync(
    path.join(dir, 'occupationSkillRelations_en.csv'),
    csv([
      ['occupationUri', 'relationType', 'skillType', 'skillUri'],
      [U.dev, 'essential', 'skill/competence', U.prog],
      [U.dev, 'optional', 'knowledge', U.py],
    ]),
  );
}

describe('taxonomy import', () => {
  let t: TestDb;
  let tmp: string;
  beforeAll(async () => {
    t = await createTestDb();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-tax-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('seeds the starter taxonomy idempotently', async () => {
    const first = await seedStarterTaxonomy(t.db);
    expect(first.skills).toBe(starterTaxonomy.skills.length);
    expect(first.changed).toBeGreaterThan(first.skills);
    const second = await seedStarterTaxonomy(t.db);
    expect(second.changed).toBe(0);
    const ts = await ancestorsOf(t.db, 'starter:typescript');
    expect(ts.map((a) => a.id)).toEqual(['starter:programming-languages', 'starter:software-development']);
    expect((await findByLabel(t.db, 'node.js')).map((s) => s.id)).toEqual(['starter:nodejs']);
  });

  it('imports the official ESCO layout in one run and links starter skills by label', async () => {
    const dir = path.join(tmp, 'official');
    writeOfficial(dir);
    const r = await importEsco(t.db, dir, { version: '1.1.1' });
    expect(r).toMatchObject({ layout: 'official', skills: 4, occupations: 1 });
    const [py] = await t.db
      .select()
      .from(skills)
      .where(eq(skills.id, 'esco:11111111-aaaa-4000-8000-000000000001'));
    expect(py).toMatchObject({
      preferredLabel: 'Python (computer programming)',
      skillType: 'knowledge',
      frameworkId: 'esco',
    });
    const alts = await t.db
      .select({ label: skillLabels.label })
      .from(skillLabels)
      .where(eq(skillLabels.skillId, py.id));
    expect(alts.map((a) => a.label).sort()).toEqual(['Python', 'Python (computer programming)', 'Python 3']);
    const [js] = await t.db
      .select()
      .from(skills)
      .where(eq(skills.id, 'esco:11111111-aaaa-4000-8000-000000000002'));
    expect(js.description).toBe('Scripting for the web,\nwith two lines.');
    const xw = await t.db
      .select()
      .from(skillCrosswalks)
      .where(eq(skillCrosswalks.fromSkillId, 'starter:javascript'));
    expect(xw).toEqual([
      { fromSkillId: 'starter:javascript', toSkillId: js.id, method: 'label_exact', confidence: 1 },
    ]);
    const xwPy = await t.db
      .select()
      .from(skillCrosswalks)
      .where(eq(skillCrosswalks.fromSkillId, 'starter:python'));
    expect(xwPy.map((x) => [x.toSkillId, x.method])).toEqual([[py.id, 'label_exact']]);
  });

  it('re-running the same files changes nothing; a newer version updates labels and keeps ids', async () => {
    const dir = path.join(tmp, 'official');
    const again = await importEsco(t.db, dir, { version: '1.1.1' });
    expect(again.changed).toBe(0);
    const dir2 = path.join(tmp, 'official-v2');
    writeOfficial(dir2, { pythonLabel: 'Python' });
    const r = await importEsco(t.db, dir2, { version: '1.2.0' });
    expect(r.changed).toBeGreaterThan(0);
    const [py] = await t.db.select().from(skills).where(eq(skills.uri, U.py));
    expect(py.id).toBe('esco:11111111-aaaa-4000-8000-000000000001');
    expect(py.preferredLabel).toBe('Python');
    const labels = await t.db
      .select({ label: skillLabels.label })
      .from(skillLabels)
      .where(eq(skillLabels.skillId, py.id));
    expect(labels.map((l) => l.label).sort()).toEqual(['Python', 'Python 3']);
  });

  it('answers hierarchy, neighbourhood, search and occupation queries', async () => {
    const up = await ancestorsOf(t.db, 'esco:11111111-aaaa-4000-8000-000000000001');
    expect(up.map((a) => [a.id, a.depth])).toEqual([
      ['esco:11111111-aaaa-4000-8000-000000000003', 1],
      ['esco:S5.6', 2],
    ]);
    const down = await descendantsOf(t.db, 'esco:S5.6');
    expect(down.map((d) => d.id).sort()).toEqual([
      'esco:11111111-aaaa-4000-8000-000000000001',
      'esco:11111111-aaaa-4000-8000-000000000002',
      'esco:11111111-aaaa-4000-8000-000000000003',
    ]);
    const near = await neighboursOf(t.db, 'esco:11111111-aaaa-4000-8000-000000000002', 1);
    expect(near.map((n) => n.id).sort()).toEqual([
      'esco:11111111-aaaa-4000-8000-000000000003',
      'starter:javascript',
    ]);
    const two = await neighboursOf(t.db, 'esco:11111111-aaaa-4000-8000-000000000002', 2);
    expect(two.map((n) => n.id)).toContain('esco:11111111-aaaa-4000-8000-000000000001');
    const found = await searchSkills(t.db, 'typ');
    expect(found[0].id).toBe('starter:typescript');
    const fuzzy = await searchSkills(t.db, 'postgress');
    expect(fuzzy.map((f) => f.id)).toContain('starter:postgresql');
    const prof = await occupationProfile(t.db, 'esco:occupation/22222222-bbbb-4000-8000-000000000001');
    expect(prof?.skills.map((s) => [s.label, s.relation])).toEqual([
      ['computer programming', 'essential'],
      ['Python', 'optional'],
    ]);
  });

  it('loads the graph as plain maps for the skills asked for and their ancestors', async () => {
    const g = await loadTaxonomyGraph(t.db, ['starter:react', 'starter:javascript']);
    expect(g.broader.get('starter:react')).toEqual(['starter:web-development']);
    expect(g.broader.get('starter:web-development')).toEqual(['starter:software-development']);
    expect(g.related.get('starter:react')).toContainEqual({
      id: 'starter:javascript',
      relation: 'essential',
    });
    expect(g.labels.get('starter:react')).toBe('React');
    expect(g.equivalents.get('starter:javascript')).toEqual(['esco:11111111-aaaa-4000-8000-000000000002']);
    const all = await loadTaxonomyGraph(t.db);
    expect(all.broader.size).toBeGreaterThan(200);
  });

  it('resolves alignments by URI, code and name', async () => {
    expect(await resolveAlignment(t.db, { targetUrl: U.js })).toEqual([
      { skillId: 'esco:11111111-aaaa-4000-8000-000000000002', via: 'url' },
    ]);
    expect(await resolveAlignment(t.db, { targetCode: 'typescript', targetFramework: 'starter' })).toEqual([
      { skillId: 'starter:typescript', via: 'code' },
    ]);
    expect(await resolveAlignment(t.db, { targetName: 'Kubernetes' })).toEqual([
      { skillId: 'starter:kubernetes', via: 'name' },
    ]);
    expect(await resolveAlignment(t.db, { targetName: 'Underwater basket weaving' })).toEqual([]);
    const entries = await loadSkillEntries(t.db, ['starter']);
    expect(entries.find((e) => e.id === 'starter:react')?.context).toBe('web development');
  });

  it('refuses bad files with line numbers and writes nothing', async () => {
    const dir = path.join(tmp, 'bad');
    writeOfficial(dir);
    const rel = path.join(dir, 'skillSkillRelations_en.csv');
    fs.appendFileSync(
      rel,
      `${U.py},knowledge,mandatory,knowledge,${U.js}\r\n${U.py},knowledge,optional,knowledge,${E}skill/nope\r\n`,
    );
    fs.appendFileSync(
      path.join(dir, 'occupationSkillRelations_en.csv'),
      `${U.dev},essential,knowledge,"${U.js}\r\n`,
    );
    fs.writeFileSync(path.join(dir, 'skillGroups_en.csv'), 'conceptUri,description\r\nx,y\r\n');
    const before = await t.db.select({ id: occupationSkills.skillId }).from(occupationSkills);
    const err = await importEsco(t.db, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportValidationError);
    const problems = (err as ImportValidationError).problems;
    expect(problems).toContainEqual({
      file: 'skillSkillRelations_en.csv',
      line: 3,
      message: 'unknown relation type "mandatory"',
    });
    expect(problems).toContainEqual({
      file: 'skillSkillRelations_en.csv',
      line: 4,
      message: `dangling URI ${E}skill/nope`,
    });
    expect(
      problems.some(
        (p) => p.file === 'occupationSkillRelations_en.csv' && /malformed|quote/i.test(p.message),
      ),
    ).toBe(true);
    expect(problems).toContainEqual({
      file: 'skillGroups_en.csv',
      line: 1,
      message: 'missing column(s): preferredLabel',
    });
    expect(await t.db.select({ id: occupationSkills.skillId }).from(occupationSkills)).toEqual(before);
  });

  it('imports O*NET tab-delimited files with hot flags and links technologies to ESCO', async () => {
    const dir = path.join(tmp, 'onet');
    fs.mkdirSync(dir);
    const tsv = (rows: string[][]) => rows.map((r) => r.join('\t')).join('\n') + '\n';
    fs.writeFileSync(
      path.join(dir, 'Occupation Data.txt'),
      tsv([
        ['O*NET-SOC Code', 'Title', 'Description'],
        ['15-1252.00', 'Software Developers', 'Develop software.'],
      ]),
    );
    fs.writeFileSync(
      path.join(dir, 'Technology Skills.txt'),
      tsv([
        ['O*NET-SOC Code', 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology', 'In Demand'],
        [
          '15-1252.00',
          'JavaScript',
          '43232405',
          'Object or component oriented development software',
          'Y',
          'Y',
        ],
        ['15-1252.00', 'Git', '43232402', 'Development environment software', 'Y', 'N'],
      ]),
    );
    fs.writeFileSync(
      path.join(dir, 'Alternate Titles.txt'),
      tsv([
        ['O*NET-SOC Code', 'Title', 'Alternate Title', 'Short Title', 'Source(s)'],
        ['15-1252.00', 'Software Developers', 'Coder', '', '08'],
      ]),
    );
    const r = await importOnet(t.db, dir);
    expect(r).toMatchObject({ framework: 'onet', layout: 'official', occupations: 1 });
    const [js] = await t.db.select().from(skills).where(eq(skills.id, 'onet:tech:javascript'));
    expect(js).toMatchObject({ hotTechnology: true, inDemand: true, skillType: 'technology' });
    const xw = await t.db
      .select()
      .from(skillCrosswalks)
      .where(eq(skillCrosswalks.fromSkillId, 'onet:tech:javascript'));
    expect(xw.map((x) => x.toSkillId)).toEqual(['esco:11111111-aaaa-4000-8000-000000000002']);
    const prof = await occupationProfile(t.db, 'onet:15-1252.00');
    expect(prof?.skills.map((s) => [s.label, s.relation, s.hot])).toEqual([
      ['JavaScript', 'essential', true],
      ['Git', 'optional', true],
    ]);
    expect((await importOnet(t.db, dir)).changed).toBe(0);
  });
});

describe('shared ESCO extract (skips when ../shared is absent)', () => {
  const shared = process.env.SKILLGRAPH_SHARED_DIR ?? path.resolve(process.cwd(), '../shared');
  const escoDir = path.join(shared, 'data/esco');
  it('reads the extract layout without problems', async () => {
    if (!fs.existsSync(escoDir)) {
      console.log(`skipping: no ESCO extract at ${escoDir}`);
      return;
    }
    const { readEscoDir } = await import('@/server/adapters/taxonomy/esco-files');
    const problems: never[] = [];
    const data = readEscoDir(escoDir, problems);
    expect(problems).toEqual([]);
    expect(data?.layout).toBe('extract');
    expect(data?.skills.length).toBe(13896);
    expect(data?.occupationSkills.length).toBe(123788);
  });
});
