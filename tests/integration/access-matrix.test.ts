import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, candidates, jobs, jobVersions, skillFrameworks, skills, users } from '@/db/schema';
import type { ProcedureAccess } from '@/server/api/trpc';
import { buildServices, type Services } from '@/server/container';
import type { Actor, Role } from '@/server/domain/auth/actor';
import { recordCandidateAccess } from '@/server/services/audit.service';
import { enqueueCandidateChange } from '@/server/services/outbox';
import { callerAs, createActor, createOrganization } from '@/tests/helpers/actors';
import { createTestDb, type TestDb } from '@/tests/helpers/db';
import { createTestIssuer } from '@/tests/helpers/credential-builders';
import { callPath, idFieldsOf, isAccessDenial, listProcedures, unlimited } from '@/tests/helpers/procedures';

/**
 * THE access matrix. Every procedure of appRouter must (1) declare its access in its meta, (2) appear in
 * `expectedAccess` below with the same declaration, and (3) behave accordingly when called signed out, as
 * every role, and as an employer without an organization. Procedures taking a resource id must also have
 * an ownership case proving that another organization / another candidate gets NOT_FOUND or FORBIDDEN.
 * Adding a procedure without updating this file makes the test fail.
 */
const publicAccess: ProcedureAccess = { kind: 'public' };
const signedIn: ProcedureAccess = { kind: 'signed_in' };
const roles = (...allowed: Role[]): ProcedureAccess => ({ kind: 'roles', roles: allowed });
const employers = roles('recruiter', 'hiring_manager', 'org_admin');

const expectedAccess: Record<string, ProcedureAccess> = {
  'account.me': signedIn,
  'account.updateProfile': roles('candidate'),
  'audit.list': roles('org_admin'),
  'audit.myProfileViews': roles('candidate'),
  'organization.acceptInvitation': signedIn,
  'organization.invite': roles('org_admin'),
  'organization.members': roles('org_admin'),
  'organization.myInvitations': signedIn,
  'organization.removeMember': roles('org_admin'),
  'organization.revokeInvitation': roles('org_admin'),
  'organization.setRole': roles('org_admin'),
  'privacy.deleteMyAccount': roles('candidate'),
  'privacy.exportMyData': roles('candidate'),
  'search.candidates': employers,
  'credentials.list': roles('candidate'),
  'credentials.byId': roles('candidate'),
  'credentials.delete': roles('candidate'),
  'credentials.reverify': roles('candidate'),
  'trustedIssuers.list': roles('org_admin'),
  'trustedIssuers.add': roles('org_admin'),
  'trustedIssuers.remove': roles('org_admin'),
  'skills.listMine': roles('candidate'),
  'skills.confirm': roles('candidate'),
  'skills.reject': roles('candidate'),
  'skills.clearDecision': roles('candidate'),
  'taxonomy.searchSkills': signedIn,
  'taxonomy.skillDetail': signedIn,
  'taxonomy.searchOccupations': signedIn,
  'taxonomy.occupationProfile': signedIn,
  'taxonomy.extractJobSkills': employers,
  'jobs.proposeSkills': roles('hiring_manager', 'org_admin', 'recruiter'),
  'jobs.create': roles('hiring_manager', 'org_admin', 'recruiter'),
  'jobs.update': roles('hiring_manager', 'org_admin', 'recruiter'),
  'jobs.setStatus': roles('hiring_manager', 'org_admin', 'recruiter'),
  'jobs.byId': roles('recruiter', 'hiring_manager', 'org_admin', 'candidate'),
  'jobs.list': employers,
  'jobs.listOpen': roles('candidate'),
  'jobs.applyTo': roles('candidate'),
  'jobs.save': roles('candidate'),
  'jobs.mine': roles('candidate'),
  'jobs.shortlist': employers,
  'jobs.shortlistAdd': employers,
  'jobs.shortlistRemove': employers,
  'ranking.forJob': employers,
  'ranking.compare': employers,
  'ranking.compareCsv': employers,
  'ranking.myGap': roles('candidate'),
  'candidates.profile': employers,
};
void publicAccess;

type Column = 'signed_out' | Role | 'employer_without_org';
const columns: Column[] = [
  'signed_out',
  'candidate',
  'recruiter',
  'hiring_manager',
  'org_admin',
  'employer_without_org',
];

function expectedOutcome(access: ProcedureAccess, column: Column): 'allowed' | 'UNAUTHORIZED' | 'FORBIDDEN' {
  if (access.kind === 'public') return 'allowed';
  if (column === 'signed_out') return 'UNAUTHORIZED';
  if (access.kind === 'signed_in') return 'allowed';
  const role: Role = column === 'employer_without_org' ? 'recruiter' : column;
  if (!access.roles.includes(role)) return 'FORBIDDEN';
  return column === 'employer_without_org' ? 'FORBIDDEN' : 'allowed';
}

interface World {
  db: TestDb['db'];
  services: Services;
  orgA: string;
  orgB: string;
  actor(role: Role, org: 'A' | 'B' | null): Promise<Actor>;
  emailOf(actor: Actor): Promise<string>;
}

/**
 * How a resource of one owner is reached by someone else. `owner` must succeed with the same input (so the
 * intruder's refusal is about ownership, not a wrong input); `intruder` must get NOT_FOUND or FORBIDDEN — or,
 * for filters over the caller's own scope, succeed without seeing the owner's data (`intruderSees`).
 */
type OwnershipCase =
  | {
      setup(world: World): Promise<{
        owner: Actor;
        intruder: Actor;
        input: unknown;
        /** When the intruder reaches the resource through their own (e.g. their own job): defaults to `input`. */
        intruderInput?: unknown;
        unchanged?: () => Promise<void>;
      }>;
      intruderSees?: (result: unknown) => void;
    }
  | { notOwned: string };

/** A stored credential of a fresh candidate (self-issued with a test key; verifies offline). */
async function storedCredential(world: World): Promise<{ owner: Actor; id: string }> {
  const owner = await world.actor('candidate', null);
  const issuer = await createTestIssuer(41);
  const signed = await issuer.signDataIntegrity(issuer.credential({ name: `Matrix ${Math.random()}` }));
  const [result] = await world.services.credentials.ingestFile(owner, {
    fileName: 'matrix.json',
    bytes: new TextEncoder().encode(JSON.stringify(signed)),
  });
  return { owner, id: result!.credentialId! };
}

const credentialOwnership: OwnershipCase = {
  async setup(world) {
    const { owner, id } = await storedCredential(world);
    return { owner, intruder: await world.actor('candidate', null), input: { id } };
  },
};

/** A job of org A (created through the jobs service) and an intruder of the same role in org B. */
async function jobOfOrgA(world: World, role: Role = 'hiring_manager') {
  await world.db.insert(skillFrameworks).values({ id: 'matrix', name: 'Matrix' }).onConflictDoNothing();
  await world.db
    .insert(skills)
    .values({ id: 'matrix:welding', frameworkId: 'matrix', preferredLabel: 'Welding' })
    .onConflictDoNothing();
  const owner = await world.actor(role, 'A');
  const job = await world.services.jobs.create(owner, {
    title: 'Matrix welder',
    description: '',
    location: 'Remote',
    skills: [
      {
        skillId: 'matrix:welding',
        label: 'Welding',
        importance: 5,
        mustHave: false,
        minLevel: null,
        recencyMonths: null,
      },
    ],
  });
  return { owner, intruder: await world.actor(role, 'B'), jobId: job.jobId };
}

/** Two public candidates (discoverable to every organization). */
async function publicCandidates(world: World) {
  return [
    (await world.actor('candidate', null)).candidateId!,
    (await world.actor('candidate', null)).candidateId!,
  ];
}

const jobCase = (
  role: Role,
  input: (jobId: string, world: World) => Promise<unknown> | unknown,
): OwnershipCase => ({
  async setup(world) {
    const { owner, intruder, jobId } = await jobOfOrgA(world, role);
    return { owner, intruder, input: await input(jobId, world) };
  },
});

/** Comparison of two candidates the owner shortlisted on org A's job. */
const shortlistedCompare: OwnershipCase = {
  async setup(world) {
    const { owner, intruder, jobId } = await jobOfOrgA(world, 'hiring_manager');
    const candidateIds = await publicCandidates(world);
    for (const candidateId of candidateIds)
      await world.services.jobs.shortlistAdd(owner, jobId, candidateId, '');
    return { owner, intruder, input: { jobId, candidateIds } };
  },
};

const openJob = 'a job id; open jobs are a public board for candidates (their own application/gap only)';
const taxonomyReference = 'a taxonomy id (public reference data, the same for everyone)';
const ownSkillDecision = "a taxonomy id; the decision is written to the caller's own candidate profile only";

const ownership: Record<string, OwnershipCase> = {
  'jobs.update': jobCase('hiring_manager', (jobId) => ({
    jobId,
    title: 'Renamed by someone',
    description: '',
    location: '',
    skills: [],
  })),
  'jobs.setStatus': jobCase('hiring_manager', (jobId) => ({ jobId, status: 'closed' })),
  'jobs.byId': jobCase('recruiter', (jobId) => ({ jobId })),
  'jobs.shortlist': jobCase('recruiter', (jobId) => ({ jobId })),
  'jobs.shortlistRemove': jobCase('recruiter', async (jobId, world) => ({
    jobId,
    candidateId: (await publicCandidates(world))[0],
  })),
  'ranking.forJob': jobCase('hiring_manager', (jobId) => ({ jobId })),
  'ranking.compare': shortlistedCompare,
  'ranking.compareCsv': shortlistedCompare,
  'jobs.shortlistAdd': {
    // Org B may not shortlist a candidate who is visible only to org A (applied there), even on its own job.
    async setup(world) {
      const { owner, intruder, jobId } = await jobOfOrgA(world, 'recruiter');
      const candidate = await world.actor('candidate', null);
      await world.db.transaction(async (tx) => {
        await tx
          .update(candidates)
          .set({ visibility: 'applied_only' })
          .where(eq(candidates.id, candidate.candidateId!));
        await tx.insert(applications).values({ candidateId: candidate.candidateId!, jobId });
        await enqueueCandidateChange(tx, candidate.candidateId!, 'application_added');
      });
      const ownJobOfB = await world.services.jobs.create(intruder, {
        title: 'B job',
        description: '',
        location: '',
        skills: [],
      });
      return {
        owner,
        intruder,
        input: { jobId, candidateId: candidate.candidateId, note: '' },
        intruderInput: { jobId: ownJobOfB.jobId, candidateId: candidate.candidateId, note: '' },
      };
    },
  },
  'candidates.profile': {
    // An applied-only candidate who applied to org A's job: org A sees the profile, org B gets NOT_FOUND.
    async setup(world) {
      const { owner, intruder, jobId } = await jobOfOrgA(world, 'recruiter');
      const candidate = await world.actor('candidate', null);
      await world.db.transaction(async (tx) => {
        await tx
          .update(candidates)
          .set({ visibility: 'applied_only' })
          .where(eq(candidates.id, candidate.candidateId!));
        await tx.insert(applications).values({ candidateId: candidate.candidateId!, jobId });
        await enqueueCandidateChange(tx, candidate.candidateId!, 'application_added');
      });
      return { owner, intruder, input: { candidateId: candidate.candidateId } };
    },
  },
  'jobs.applyTo': { notOwned: openJob },
  'jobs.save': { notOwned: openJob },
  'ranking.myGap': { notOwned: openJob },
  'taxonomy.skillDetail': { notOwned: taxonomyReference },
  'taxonomy.occupationProfile': { notOwned: taxonomyReference },
  'skills.confirm': { notOwned: ownSkillDecision },
  'skills.reject': { notOwned: ownSkillDecision },
  'skills.clearDecision': { notOwned: ownSkillDecision },
  'credentials.byId': credentialOwnership,
  'credentials.reverify': credentialOwnership,
  'credentials.delete': credentialOwnership,
  'trustedIssuers.remove': {
    async setup(world) {
      const owner = await world.actor('org_admin', 'A');
      const entry = await world.services.trustedIssuers.add(owner, {
        kind: 'domain',
        value: `matrix-${Date.now()}.example.edu`,
      });
      return { owner, intruder: await world.actor('org_admin', 'B'), input: { id: entry.id } };
    },
  },
  'organization.setRole': {
    async setup(world) {
      const owner = await world.actor('org_admin', 'A');
      const member = await world.actor('recruiter', 'A');
      return {
        owner,
        intruder: await world.actor('org_admin', 'B'),
        input: { userId: member.userId, role: 'hiring_manager' },
        unchanged: async () => {
          const [row] = await world.db.select().from(users).where(eq(users.id, member.userId));
          expect(row).toMatchObject({ role: 'recruiter', organizationId: world.orgA });
        },
      };
    },
  },
  'organization.removeMember': {
    async setup(world) {
      const member = await world.actor('hiring_manager', 'A');
      return {
        owner: await world.actor('org_admin', 'A'),
        intruder: await world.actor('org_admin', 'B'),
        input: { userId: member.userId },
        unchanged: async () => {
          const [row] = await world.db.select().from(users).where(eq(users.id, member.userId));
          expect(row.organizationId).toBe(world.orgA);
        },
      };
    },
  },
  'organization.revokeInvitation': {
    async setup(world) {
      const owner = await world.actor('org_admin', 'A');
      const { invitationId } = await world.services.organizations.invite(owner, {
        email: `matrix-${Date.now()}-${Math.random()}@example.com`,
        role: 'recruiter',
      });
      return { owner, intruder: await world.actor('org_admin', 'B'), input: { invitationId } };
    },
  },
  'organization.acceptInvitation': {
    async setup(world) {
      const admin = await world.actor('org_admin', 'A');
      const owner = await world.actor('recruiter', null);
      const { invitationId } = await world.services.organizations.invite(admin, {
        email: await world.emailOf(owner),
        role: 'recruiter',
      });
      return { owner, intruder: await world.actor('recruiter', null), input: { invitationId } };
    },
  },
  'audit.list': {
    async setup(world) {
      const candidate = await world.actor('candidate', null);
      const viewer = await world.actor('recruiter', 'A');
      await recordCandidateAccess(world.db, viewer, candidate.candidateId!, 'view', { via: 'matrix' });
      return {
        owner: await world.actor('org_admin', 'A'),
        intruder: await world.actor('org_admin', 'B'),
        input: { candidateId: candidate.candidateId },
      };
    },
    intruderSees: (result) => expect((result as { entries: unknown[] }).entries).toEqual([]),
  },
};

describe('access matrix', () => {
  let testDb: TestDb;
  let world: World;
  const procedures = listProcedures();

  beforeAll(async () => {
    testDb = await createTestDb();
    const services = buildServices({ db: testDb.db, rateLimiter: unlimited });
    const orgA = await createOrganization(testDb.db, 'Org A');
    const orgB = await createOrganization(testDb.db, 'Org B');
    world = {
      db: testDb.db,
      services,
      orgA,
      orgB,
      actor: (role, org) =>
        createActor(testDb.db, role, { organizationId: org === 'A' ? orgA : org === 'B' ? orgB : null }),
      emailOf: async (actor) => {
        const [row] = await testDb.db
          .select({ email: users.email })
          .from(users)
          .where(eq(users.id, actor.userId));
        return row.email!;
      },
    };
  });
  afterAll(async () => testDb.close());

  it('finds the procedures of appRouter', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(Object.keys(expectedAccess).length);
  });

  it('has a declared access on every procedure, equal to the expectations table', () => {
    const undeclared = procedures.filter((procedure) => !procedure.access).map((procedure) => procedure.path);
    expect(undeclared, 'procedures without declared access').toEqual([]);
    const missing = procedures
      .filter((procedure) => !(procedure.path in expectedAccess))
      .map((procedure) => procedure.path);
    expect(
      missing,
      'procedures missing from expectedAccess in tests/integration/access-matrix.test.ts',
    ).toEqual([]);
    const stale = Object.keys(expectedAccess).filter(
      (path) => !procedures.some((procedure) => procedure.path === path),
    );
    expect(stale, 'expectedAccess entries for procedures that no longer exist').toEqual([]);
    for (const procedure of procedures) {
      expect(procedure.access, procedure.path).toEqual(expectedAccess[procedure.path]);
    }
  });

  it('has an ownership case for every procedure that takes a resource id', () => {
    const uncovered = procedures
      .filter((procedure) => idFieldsOf(procedure.input).length > 0 && !(procedure.path in ownership))
      .map((procedure) => `${procedure.path} (${idFieldsOf(procedure.input).join(', ')})`);
    expect(uncovered, 'add an ownership case (or notOwned with the reason) in access-matrix.test.ts').toEqual(
      [],
    );
  });

  describe.each(columns)('called as %s', (column) => {
    let caller: ReturnType<typeof callerAs>;
    beforeAll(async () => {
      const actor =
        column === 'signed_out'
          ? null
          : column === 'employer_without_org'
            ? await world.actor('recruiter', null)
            : await world.actor(column, column === 'candidate' ? null : 'A');
      caller = callerAs(testDb.db, actor, world.services);
    });

    it.each(procedures.map((procedure) => [procedure.path, procedure] as const))(
      '%s',
      async (_path, procedure) => {
        const access = procedure.access ?? expectedAccess[procedure.path];
        if (!access) throw new Error(`${procedure.path}: no declared access`);
        const expected = expectedOutcome(access, column);
        // No input: allowed callers pass the access layer and stop at input validation (or run an input-less
        // procedure); refused callers are stopped before the input is even looked at.
        const outcome = await callPath(caller, procedure.path, undefined).then(
          () => null,
          (error: unknown) => error,
        );
        if (expected === 'allowed') {
          expect(isAccessDenial(outcome), `${procedure.path} as ${column}: ${String(outcome)}`).toBe(false);
        } else {
          expect(isAccessDenial(outcome), `${procedure.path} as ${column} must be refused`).toBe(true);
          expect((outcome as { code: string }).code).toBe(expected);
        }
      },
    );
  });

  describe('ownership: another organization or another candidate is refused', () => {
    const cases = procedures.filter((procedure) => procedure.path in ownership);
    it.each(cases.map((procedure) => [procedure.path] as const))('%s', async (path) => {
      const spec = ownership[path];
      if ('notOwned' in spec) return;
      const { owner, intruder, input, intruderInput, unchanged } = await spec.setup(world);
      const intruderOutcome = await callPath(
        callerAs(testDb.db, intruder, world.services),
        path,
        intruderInput ?? input,
      ).then(
        (result) => ({ ok: true as const, result }),
        (error: { code?: string; message?: string }) => ({ ok: false as const, error }),
      );
      if (spec.intruderSees) {
        expect(intruderOutcome.ok, `${path}: ${JSON.stringify(intruderOutcome)}`).toBe(true);
        if (intruderOutcome.ok) spec.intruderSees(intruderOutcome.result);
      } else {
        expect(intruderOutcome.ok, `${path} must refuse the intruder`).toBe(false);
        if (!intruderOutcome.ok) expect(['NOT_FOUND', 'FORBIDDEN']).toContain(intruderOutcome.error.code);
      }
      await unchanged?.();
      // The same input works for its owner: the refusal above was about ownership, not a bad input.
      await expect(callPath(callerAs(testDb.db, owner, world.services), path, input)).resolves.not.toThrow();
    });
  });

  describe('cross-tenant reads: what one organization or candidate may see of another', () => {
    /** A candidate with a unique word in the headline, applied to a job of org A, indexed through the outbox. */
    async function appliedToOrgA(visibility: 'public' | 'applied_only' | 'hidden') {
      const word = `quokka${Math.random().toString(36).slice(2, 8)}`;
      const candidate = await world.actor('candidate', null);
      await world.db.transaction(async (tx) => {
        await tx
          .update(candidates)
          .set({ headline: `${word} engineer`, visibility })
          .where(eq(candidates.id, candidate.candidateId!));
        const [job] = await tx.insert(jobs).values({ organizationId: world.orgA }).returning({ id: jobs.id });
        await tx.insert(jobVersions).values({ jobId: job.id, version: 1, title: 'Engineer' });
        await tx.insert(applications).values({ candidateId: candidate.candidateId!, jobId: job.id });
        await enqueueCandidateChange(tx, candidate.candidateId!, 'application_added');
      });
      await world.services.searchSync.drain();
      return { candidate, word };
    }
    const found = async (actor: Actor, word: string) =>
      (
        (await callerAs(testDb.db, actor, world.services).search.candidates({ text: word })) as {
          hits: { candidateId: string }[];
        }
      ).hits.map((hit) => hit.candidateId);

    it('search: an applied-only candidate is visible to the organization applied to, not to another', async () => {
      const { candidate, word } = await appliedToOrgA('applied_only');
      expect(await found(await world.actor('recruiter', 'A'), word)).toEqual([candidate.candidateId]);
      expect(await found(await world.actor('recruiter', 'B'), word)).toEqual([]);
      expect(await found(await world.actor('hiring_manager', 'B'), word)).toEqual([]);
    });

    it('search: a hidden candidate is returned to no one, not even the organization applied to', async () => {
      const { word } = await appliedToOrgA('hidden');
      expect(await found(await world.actor('recruiter', 'A'), word)).toEqual([]);
      expect(await found(await world.actor('org_admin', 'B'), word)).toEqual([]);
    });

    it('search: a deleted account disappears from search through the outbox', async () => {
      const { candidate, word } = await appliedToOrgA('public');
      const recruiterB = await world.actor('recruiter', 'B');
      expect(await found(recruiterB, word)).toEqual([candidate.candidateId]);
      await callerAs(testDb.db, candidate, world.services).privacy.deleteMyAccount({
        confirm: 'delete my account',
      });
      await world.services.searchSync.drain();
      expect(await found(recruiterB, word)).toEqual([]);
    });

    it('audit: a candidate sees only the views of their own profile; an org admin only their organization’s log', async () => {
      const x = await world.actor('candidate', null);
      const y = await world.actor('candidate', null);
      await recordCandidateAccess(world.db, await world.actor('recruiter', 'A'), x.candidateId!, 'view');
      expect(await callerAs(testDb.db, y, world.services).audit.myProfileViews()).toEqual([]);
      expect(await callerAs(testDb.db, x, world.services).audit.myProfileViews()).toHaveLength(1);
      const logB = await callerAs(testDb.db, await world.actor('org_admin', 'B'), world.services).audit.list({
        limit: 100,
      });
      expect(logB.entries.some((entry) => entry.candidate?.id === x.candidateId)).toBe(false);
    });

    it('privacy: an export holds only the caller’s own data', async () => {
      const x = await world.actor('candidate', null);
      const y = await world.actor('candidate', null);
      const exported = JSON.stringify(await callerAs(testDb.db, y, world.services).privacy.exportMyData());
      expect(exported).not.toContain(x.candidateId);
      expect(exported).not.toContain(x.userId);
    });
  });

  it('reports the matrix size', () => {
    console.log(
      `[access-matrix] ${procedures.length} procedures × ${columns.length} callers = ${procedures.length * columns.length} cells; ${Object.keys(ownership).length} ownership cases`,
    );
  });
});
