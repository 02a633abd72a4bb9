import { and, desc, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { auditLog, candidates, organizations, users } from '@/db/schema';
import type { Actor } from '@/server/domain/auth/actor';
import { DomainError } from '@/server/domain/errors';
import type { AuditListInput } from '@/server/api/schemas/audit.schema';

/** What an employer did with a candidate's data. */
export type CandidateAccessAction = 'view' | 'export';

/** Membership changes an org admin made (recorded without a candidate). */
export type OrganizationAuditAction =
  'member.invited' | 'member.invitation_revoked' | 'member.role_changed' | 'member.removed';

export type AuditDetails = Record<string, string | number | boolean | null>;

const MAX_DETAIL_KEYS = 12;
const MAX_DETAIL_TEXT = 200;

/**
 * Keeps audit details small and free of payloads: primitives only, strings truncated, at most a dozen keys.
 * A caller passing a credential or a whole profile by mistake stores its shape, never its content.
 */
export function sanitizeAuditDetails(details: Record<string, unknown> | undefined): AuditDetails {
  const clean: AuditDetails = {};
  for (const [key, value] of Object.entries(details ?? {}).slice(0, MAX_DETAIL_KEYS)) {
    const safeKey = key.slice(0, 64);
    if (value === null || typeof value === 'boolean') clean[safeKey] = value;
    else if (typeof value === 'number') clean[safeKey] = Number.isFinite(value) ? value : null;
    else if (typeof value === 'string') clean[safeKey] = value.slice(0, MAX_DETAIL_TEXT);
    else if (value instanceof Date) clean[safeKey] = value.toISOString();
  }
  return clean;
}

/**
 * Records that `actor` viewed or exported candidate `candidateId`'s data. Call it from the service that
 * returns the data, inside its transaction when it has one. A candidate looking at their own data is not
 * recorded (the log answers "who else saw me").
 */
export async function recordCandidateAccess(
  db: DbOrTx,
  actor: Actor,
  candidateId: string,
  action: CandidateAccessAction,
  details: Record<string, unknown> = {},
): Promise<void> {
  if (actor.candidateId === candidateId) return;
  await db.insert(auditLog).values({
    actorUserId: actor.userId,
    actorOrganizationId: actor.organizationId,
    action,
    candidateId,
    details: sanitizeAuditDetails(details),
  });
}

/** The same for many candidates at once (a search result page, a comparison, a CSV export). */
export async function recordCandidatesAccess(
  db: DbOrTx,
  actor: Actor,
  candidateIds: readonly string[],
  action: CandidateAccessAction,
  details: Record<string, unknown> = {},
): Promise<void> {
  const ids = [...new Set(candidateIds)].filter((id) => id !== actor.candidateId);
  if (ids.length === 0) return;
  const clean = sanitizeAuditDetails(details);
  await db.insert(auditLog).values(
    ids.map((candidateId) => ({
      actorUserId: actor.userId,
      actorOrganizationId: actor.organizationId,
      action,
      candidateId,
      details: clean,
    })),
  );
}

export async function recordOrganizationEvent(
  db: DbOrTx,
  actor: Actor,
  action: OrganizationAuditAction,
  details: Record<string, unknown>,
): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: actor.userId,
    actorOrganizationId: actor.organizationId,
    action,
    candidateId: null,
    details: sanitizeAuditDetails(details),
  });
}

export interface AuditEntry {
  id: string;
  at: Date;
  action: string;
  actor: { userId: string; name: string | null; email: string | null } | null;
  /** Null for membership events, and for candidates who deleted their account (entries are anonymized). */
  candidate: { id: string; displayName: string } | null;
  details: AuditDetails;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

export interface ProfileViewsByOrganization {
  organization: { id: string; name: string } | null;
  views: number;
  exports: number;
  lastAt: Date;
}

/**
 * The cursor carries the row's timestamp as PostgreSQL prints it (microseconds): a JavaScript Date keeps only
 * milliseconds, and two entries written within the same millisecond would fall between pages.
 */
function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof at !== 'string' || !PG_TIMESTAMP.test(at) || !/^[0-9a-f-]{36}$/.test(id))
      throw new Error('bad cursor');
    return { at, id };
  } catch {
    throw new DomainError('BAD_INPUT', 'The page cursor is not valid.');
  }
}

export function createAuditService(db: Db) {
  /** An org admin's view of their organization's log: who viewed or exported whom, and membership changes. */
  async function list(actor: Actor, input: AuditListInput): Promise<AuditPage> {
    const organizationId = actor.organizationId;
    if (!organizationId || actor.role !== 'org_admin')
      throw new DomainError('FORBIDDEN', 'Only organization admins see the audit log.');
    const conditions = [eq(auditLog.actorOrganizationId, organizationId)];
    if (input.candidateId) conditions.push(eq(auditLog.candidateId, input.candidateId));
    if (input.action) conditions.push(eq(auditLog.action, input.action));
    if (input.cursor) {
      const { at, id } = decodeCursor(input.cursor);
      conditions.push(
        or(
          sql`${auditLog.createdAt} < ${at}::timestamptz`,
          and(sql`${auditLog.createdAt} = ${at}::timestamptz`, lt(auditLog.id, id)),
        )!,
      );
    }
    const rows = await db
      .select({
        id: auditLog.id,
        at: auditLog.createdAt,
        atExact: sql<string>`${auditLog.createdAt}::text`,
        action: auditLog.action,
        details: auditLog.details,
        actorUserId: users.id,
        actorName: users.name,
        actorEmail: users.email,
        candidateId: candidates.id,
        candidateName: candidates.displayName,
      })
      .from(auditLog)
      // Only people still in this organization are named; former members show as "someone".
      .leftJoin(users, and(eq(users.id, auditLog.actorUserId), eq(users.organizationId, organizationId)))
      .leftJoin(candidates, eq(candidates.id, auditLog.candidateId))
      .where(and(...conditions))
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      entries: page.map((row) => ({
        id: row.id,
        at: row.at,
        action: row.action,
        actor: row.actorUserId
          ? { userId: row.actorUserId, name: row.actorName, email: row.actorEmail }
          : null,
        candidate: row.candidateId ? { id: row.candidateId, displayName: row.candidateName ?? '' } : null,
        details: (row.details ?? {}) as AuditDetails,
      })),
      nextCursor: rows.length > input.limit && last ? encodeCursor(last.atExact, last.id) : null,
    };
  }

  /** A candidate's view: which organizations viewed or exported their profile — never which person. */
  async function myProfileViews(actor: Actor): Promise<ProfileViewsByOrganization[]> {
    const candidateId = actor.candidateId;
    if (!candidateId) throw new DomainError('FORBIDDEN', 'Only candidates have a profile.');
    const rows = await db
      .select({
        organizationId: auditLog.actorOrganizationId,
        organizationName: organizations.name,
        views: sql<number>`count(*) filter (where ${auditLog.action} = 'view')`.mapWith(Number),
        exports: sql<number>`count(*) filter (where ${auditLog.action} = 'export')`.mapWith(Number),
        lastAt: sql<Date>`max(${auditLog.createdAt})`.mapWith((value: string | Date) => new Date(value)),
      })
      .from(auditLog)
      .leftJoin(organizations, eq(organizations.id, auditLog.actorOrganizationId))
      .where(and(eq(auditLog.candidateId, candidateId), isNotNull(auditLog.actorOrganizationId)))
      .groupBy(auditLog.actorOrganizationId, organizations.name)
      .orderBy(desc(sql`max(${auditLog.createdAt})`))
      .limit(200);
    return rows.map((row) => ({
      organization:
        row.organizationId && row.organizationName
          ? { id: row.organizationId, name: row.organizationName }
          : null,
      views: row.views,
      exports: row.exports,
      lastAt: row.lastAt,
    }));
  }

  /** Records that `actor` viewed or exported these candidates (used by the `audited` procedure middleware). */
  function recordAccess(
    actor: Actor,
    candidateIds: readonly string[],
    action: CandidateAccessAction,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return recordCandidatesAccess(db, actor, candidateIds, action, details);
  }

  return { list, myProfileViews, recordAccess };
}

export type AuditService = ReturnType<typeof createAuditService>;
