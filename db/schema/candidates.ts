import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

export const availabilityEnum = pgEnum('availability', [
  'immediately',
  'within_month',
  'within_quarter',
  'not_looking',
]);

export const visibilityEnum = pgEnum('visibility', ['public', 'applied_only', 'hidden']);

export const candidates = pgTable(
  'candidates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    headline: text('headline').notNull().default(''),
    location: text('location').notNull().default(''),
    availability: availabilityEnum('availability').notNull().default('within_quarter'),
    visibility: visibilityEnum('visibility').notNull().default('applied_only'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('candidates_visibility_idx').on(table.visibility)],
);
