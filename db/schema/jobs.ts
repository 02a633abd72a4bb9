import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { candidates } from './candidates';
import { organizations } from './organizations';
import { skills } from './taxonomy';

export const jobStatusEnum = pgEnum('job_status', ['draft', 'open', 'closed']);
export const skillLevelEnum = pgEnum('skill_level', ['basic', 'intermediate', 'advanced', 'expert']);

/** A job owned by an organization. Title, description and skills live in versions; `current_version` points at one. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    status: jobStatusEnum('status').notNull().default('open'),
    currentVersion: integer('current_version').notNull().default(1),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('jobs_organization_idx').on(t.organizationId, t.status)],
);

/** Immutable snapshots of a job: a ranking names the version it used, so it can be reproduced. */
export const jobVersions = pgTable(
  'job_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    location: text('location').notNull().default(''),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('job_versions_job_version_idx').on(t.jobId, t.version)],
);

/** Required skills of a job version: importance 1..10, must-have, optional minimum level and recency window. */
export const jobSkills = pgTable(
  'job_skills',
  {
    jobVersionId: uuid('job_version_id')
      .notNull()
      .references(() => jobVersions.id, { onDelete: 'cascade' }),
    skillId: text('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'restrict' }),
    position: smallint('position').notNull(),
    label: text('label').notNull(),
    importance: smallint('importance').notNull(),
    mustHave: boolean('must_have').notNull().default(false),
    minLevel: skillLevelEnum('min_level'),
    recencyMonths: smallint('recency_months'),
    /** The description text the skill was extracted from, when it was. */
    evidence: text('evidence'),
  },
  (t) => [primaryKey({ columns: [t.jobVersionId, t.skillId] })],
);

/** A candidate applied to a job: makes an 'applied_only' candidate visible to the job's organization. */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => candidates.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('applications_candidate_job_idx').on(t.candidateId, t.jobId),
    index('applications_job_idx').on(t.jobId),
  ],
);

/** Jobs a candidate saved to see their own gap (does not change their visibility). */
export const savedJobs = pgTable(
  'saved_jobs',
  {
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => candidates.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.candidateId, t.jobId] })],
);

/** Candidates a hiring team shortlisted for a job (the comparison view picks from these). */
export const shortlists = pgTable(
  'shortlists',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => candidates.id, { onDelete: 'cascade' }),
    addedBy: text('added_by').references(() => users.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.candidateId] })],
);

/**
 * Derived ranking profile: a candidate's strength per skill (integers 0..1000, see server/domain/ranking/
 * skill-strength.ts) computed from `candidate_skill_evidence` × `credentials` as of `as_of_day`. Rebuilt per
 * candidate from the outbox; the in-memory ranking index loads it, and the SQL ranking path aggregates it.
 */
export const candidateSkillStrengths = pgTable(
  'candidate_skill_strengths',
  {
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => candidates.id, { onDelete: 'cascade' }),
    skillId: text('skill_id').notNull(),
    strength: smallint('strength').notNull(),
    verifiedStrength: smallint('verified_strength').notNull(),
    /** Days since 1970-01-01 of the newest contributing credential (null if unknown). */
    lastEvidenceDay: integer('last_evidence_day'),
    lastVerifiedDay: integer('last_verified_day'),
    asOfDay: integer('as_of_day').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.candidateId, t.skillId] }),
    // Covering index for the SQL ranking path: postings of a skill without touching the heap.
    index('candidate_skill_strengths_posting_idx').on(
      t.skillId,
      t.candidateId,
      t.strength,
      t.verifiedStrength,
      t.lastEvidenceDay,
      t.lastVerifiedDay,
    ),
  ],
);
