import { pgEnum } from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('role', ['candidate', 'recruiter', 'hiring_manager', 'org_admin']);
