import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations';

/**
 * Skills taxonomy: frameworks (ESCO, O*NET, the repo's starter taxonomy, an organization's own
 * skills), skills and skill groups with stable text ids (`esco:<uuid>`, `onet:…`, `starter:<slug>`),
 * labels, hierarchy, skill–skill relations, occupations and crosswalks between frameworks.
 */
export const skillRelationEnum = pgEnum('skill_relation', ['essential', 'optional']);
export const skillConceptEnum = pgEnum('skill_concept', ['skill', 'group']);
export const skillLabelKindEnum = pgEnum('skill_label_kind', ['preferred', 'alt', 'hidden']);

export const skillFrameworks = pgTable('skill_frameworks', {
  /** 'esco', 'onet', 'starter', or 'org:<uuid>' for an organization's own skills. */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  version: text('version'),
  uri: text('uri'),
  organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});

export const skills = pgTable(
  'skills',
  {
    id: text('id').primaryKey(),
    frameworkId: text('framework_id')
      .notNull()
      .references(() => skillFrameworks.id, { onDelete: 'cascade' }),
    /** The framework's own URI or code (ESCO concept URI, O*NET element id, UNSPSC code…). */
    uri: text('uri'),
    code: text('code'),
    concept: skillConceptEnum('concept').notNull().default('skill'),
    /** ESCO skillType ('knowledge', 'skill/competence'), 'technology' for O*NET examples. */
    skillType: text('skill_type'),
    reuseLevel: text('reuse_level'),
    preferredLabel: text('preferred_label').notNull(),
    description: text('description'),
    /** O*NET flags for technology skills (any occupation lists it as hot / in demand). */
    hotTechnology: boolean('hot_technology').notNull().default(false),
    inDemand: boolean('in_demand').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('skills_framework_idx').on(t.frameworkId),
    index('skills_uri_idx').on(t.uri),
    index('skills_label_trgm_idx').using('gin', sql`lower(${t.preferredLabel}) gin_trgm_ops`),
  ],
);

export const skillLabels = pgTable(
  'skill_labels',
  {
    skillId: text('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    kind: skillLabelKindEnum('kind').notNull(),
    label: text('label').notNull(),
    /** Case-folded, commas dropped, whitespace collapsed: exact lookup key. */
    labelKey: text('label_key').notNull(),
    lang: text('lang').notNull().default('en'),
  },
  (t) => [
    primaryKey({ columns: [t.skillId, t.kind, t.label, t.lang] }),
    index('skill_labels_key_prefix_idx').using('btree', sql`${t.labelKey} text_pattern_ops`),
  ],
);

export const skillBroader = pgTable(
  'skill_broader',
  {
    skillId: text('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    broaderId: text('broader_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.skillId, t.broaderId] }),
    index('skill_broader_broader_idx').on(t.broaderId),
  ],
);

export const skillRelations = pgTable(
  'skill_relations',
  {
    skillId: text('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    relatedId: text('related_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    relation: skillRelationEnum('relation').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.skillId, t.relatedId, t.relation] }),
    index('skill_relations_related_idx').on(t.relatedId),
  ],
);

export const skillCollections = pgTable(
  'skill_collections',
  {
    skillId: text('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    collection: text('collection').notNull(),
  },
  (t) => [primaryKey({ columns: [t.skillId, t.collection] })],
);

export const occupations = pgTable(
  'occupations',
  {
    id: text('id').primaryKey(),
    frameworkId: text('framework_id')
      .notNull()
      .references(() => skillFrameworks.id, { onDelete: 'cascade' }),
    uri: text('uri'),
    code: text('code'),
    iscoGroup: text('isco_group'),
    preferredLabel: text('preferred_label').notNull(),
    altLabels: text('alt_labels')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    description: text('description'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('occupations_framework_idx').on(t.frameworkId),
    index('occupations_label_trgm_idx').using('gin', sql`lower(${t.preferredLabel}) gin_trgm_ops`),
  ],
);

export const occupationSkills = pgTable(
  'occupation_skills',
  {
    occupationId: text('occupation_id')
      .notNull()
      .references(() => occupations.id, { onDelete: 'cascade' }),
    skillId: text('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    relation: skillRelationEnum('relation').notNull(),
    /** O*NET importance (IM scale 1–5) when known. */
    importance: real('importance'),
    /** O*NET level (LV scale 0–7) when known. */
    level: real('level'),
    hot: boolean('hot').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.occupationId, t.skillId, t.relation] }),
    index('occupation_skills_skill_idx').on(t.skillId),
  ],
);

/** A skill of one framework declared equivalent (or close) to a skill of another. */
export const skillCrosswalks = pgTable(
  'skill_crosswalks',
  {
    fromSkillId: text('from_skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    toSkillId: text('to_skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    /** 'label_exact', 'label_head' (qualifier dropped), 'manual'. */
    method: text('method').notNull(),
    confidence: real('confidence').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fromSkillId, t.toSkillId] }),
    index('skill_crosswalks_to_idx').on(t.toSkillId),
  ],
);

/** One row per import run, for "what version is loaded" and auditing. */
export const taxonomyImports = pgTable('taxonomy_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  frameworkId: text('framework_id').notNull(),
  source: text('source').notNull(),
  skills: integer('skills').notNull(),
  changed: integer('changed').notNull(),
  durationMs: integer('duration_ms').notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
});
