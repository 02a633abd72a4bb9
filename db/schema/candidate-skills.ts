import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { candidates } from './candidates';
import { credentials } from './credentials';
import { skills } from './taxonomy';

/**
 * Why a candidate is believed to have a skill: one row per (credential, skill, field) with the
 * exact text span or alignment that justified it, the method and a confidence. The candidate's own
 * decision per skill lives in `candidate_skill_decisions` so that a rejection survives re-mapping.
 */
export const skillEvidenceStateEnum = pgEnum('skill_evidence_state', ['proposed', 'confirmed', 'rejected']);
export const skillDecisionEnum = pgEnum('skill_decision', ['confirmed', 'rejected']);

export const candidateSkillEvidence = pgTable(
  'candidate_skill_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => candidates.id, { onDelete: 'cascade' }),
    skillId: text('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    /** The credential the evidence comes from (null for skills a candidate added by hand). */
    credentialId: uuid('credential_id').references(() => credentials.id, { onDelete: 'cascade' }),
    /** 'alignment', 'name', 'description', 'criteria', 'tags', 'results', or 'manual'. */
    field: text('field').notNull(),
    /** The text span as written, or the alignment's target (name, framework, code, URL). */
    span: text('span').notNull(),
    spanStart: integer('span_start'),
    spanEnd: integer('span_end'),
    /** 'alignment' (explicit framework reference), 'label' (taxonomy label in text), 'manual'. */
    method: text('method').notNull(),
    confidence: real('confidence').notNull(),
    state: skillEvidenceStateEnum('state').notNull().default('proposed'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('candidate_skill_evidence_candidate_idx').on(t.candidateId, t.skillId),
    index('candidate_skill_evidence_credential_idx').on(t.credentialId),
    uniqueIndex('candidate_skill_evidence_unique_idx').on(
      t.candidateId,
      sql`coalesce(${t.credentialId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.skillId,
      t.field,
    ),
  ],
);

export const candidateSkillDecisions = pgTable(
  'candidate_skill_decisions',
  {
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => candidates.id, { onDelete: 'cascade' }),
    skillId: text('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    decision: skillDecisionEnum('decision').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.candidateId, t.skillId] })],
);
