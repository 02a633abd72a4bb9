import { createHash } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { candidates, credentials, users } from '@/db/schema';
import type { Actor } from '@/server/domain/auth/actor';
import { demoCandidateProfiles, seededRandom, type DemoAchievement } from './demo-candidates';
import { demoUsers } from './demo-users';
import { issueDemoJwt, unsignedDemoCredential } from './demo-issuers';

export type IngestFileFn = (actor: Actor, input: { fileName: string; bytes: Uint8Array }) => Promise<unknown>;

const encoder = new TextEncoder();
const DAY = 86_400_000;

/** The signed-in demo candidate starts with a small wallet; the rest comes from uploads in the demo. */
const demoCandidateAchievements: DemoAchievement[] = [
  {
    issuer: 'Skillgraph Demo Academy',
    name: 'TypeScript Practitioner',
    description: 'Builds type-safe applications in TypeScript with generics and strict mode.',
    criteria: 'Passed a proctored TypeScript coding assessment.',
    tags: ['TypeScript', 'JavaScript'],
  },
  {
    issuer: 'Skillgraph Demo Academy',
    name: 'Node.js Backend Developer',
    description: 'Builds REST and GraphQL APIs with Node.js and Express.',
    criteria: 'Built and load-tested an API service.',
    tags: ['Node.js', 'REST API'],
  },
];

/**
 * Issues each demo candidate's achievements as real credentials and ingests them through the upload path
 * (verification, storage, skill mapping, outbox). Most are valid signed VC-JWTs; a few are expired and a few
 * unsigned, so the demo shows every verification outcome. Deterministic bytes make re-runs no-ops.
 */
export async function seedDemoCredentials(
  db: Db,
  ingestFile: IngestFileFn,
  options: { candidateCount: number },
) {
  const profiles = [
    { email: demoUsers[0].email, achievements: demoCandidateAchievements },
    ...demoCandidateProfiles(options.candidateCount),
  ];
  const rows = await db
    .select({ candidateId: candidates.id, userId: users.id, email: users.email })
    .from(candidates)
    .innerJoin(users, eq(users.id, candidates.userId))
    .where(
      inArray(
        users.email,
        profiles.map((profile) => profile.email),
      ),
    );
  const byEmail = new Map(rows.map((row) => [row.email, row]));
  const seeded = await db
    .select({ candidateId: credentials.candidateId, count: sql<number>`count(*)::int` })
    .from(credentials)
    .groupBy(credentials.candidateId);
  const alreadySeeded = new Set(seeded.map((row) => row.candidateId));

  const random = seededRandom(7_000_001);
  const newest = Date.UTC(2026, 9, 1);
  let ingested = 0;
  for (const profile of profiles) {
    const row = byEmail.get(profile.email);
    // Consume the same random numbers whether or not the candidate is skipped, so bytes never change.
    const plans = profile.achievements.map((achievement, index) => {
      const issuedAt = new Date(newest - Math.floor(random() * 6 * 365) * DAY);
      const roll = random();
      return { achievement, index, issuedAt, roll };
    });
    if (!row || alreadySeeded.has(row.candidateId)) continue;
    const actor: Actor = {
      userId: row.userId,
      role: 'candidate',
      organizationId: null,
      candidateId: row.candidateId,
    };
    for (const plan of plans) {
      const input = {
        issuerName: plan.achievement.issuer,
        subjectId: `mailto:${profile.email}`,
        subjectName: profile.email,
        achievement: plan.achievement,
        issuedAt: plan.issuedAt,
        credentialId: `urn:uuid:${uuidFrom(`${profile.email}|${plan.achievement.name}`)}`,
        ...(plan.roll < 0.06 ? { validUntil: new Date(plan.issuedAt.getTime() + 365 * DAY) } : {}),
      };
      const unsigned = plan.roll > 0.95;
      const text = unsigned ? await unsignedDemoCredential(input) : await issueDemoJwt(input);
      const slug = plan.achievement.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      await ingestFile(actor, {
        fileName: `${slug}.${unsigned ? 'json' : 'jwt'}`,
        bytes: encoder.encode(text),
      });
      ingested++;
    }
  }
  return { credentials: ingested };
}

/** A stable UUID-shaped id from a string, so a credential keeps its id (and bytes) across seeds. */
function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
