import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Who viewed or exported which candidate's data. Actor and candidate are plain values (not foreign keys):
 * entries outlive a deleted account, anonymized.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actorUserId: text('actor_user_id'),
    actorOrganizationId: uuid('actor_organization_id'),
    action: text('action').notNull(),
    candidateId: uuid('candidate_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('audit_log_candidate_idx').on(table.candidateId, table.createdAt),
    index('audit_log_org_idx').on(table.actorOrganizationId, table.createdAt),
  ],
);
