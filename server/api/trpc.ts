import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Actor, Role } from '@/server/domain/auth/actor';
import { isDomainError, type DomainErrorCode } from '@/server/domain/errors';
import type { Services } from '@/server/container';
import type { Logger } from '@/server/logger';
import { checkRateLimit, rateLimitMessage } from '@/server/adapters/rate-limit/enforce';
import type { RateLimitBucket } from '@/server/adapters/rate-limit/buckets';
import { inspectRawInput } from '@/server/api/input-hygiene';

export interface TrpcContext {
  actor: Actor | null;
  services: Services;
  requestId: string;
  log: Logger;
  /** Client address, for rate limits. */
  ip: string;
}

const domainToTrpc: Record<DomainErrorCode, TRPCError['code']> = {
  BAD_INPUT: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  CONFLICT: 'CONFLICT',
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

/** Access is declared on every procedure; the access-matrix test reads it from the procedure's meta. */
export type ProcedureAccess =
  { kind: 'public' } | { kind: 'signed_in' } | { kind: 'roles'; roles: readonly Role[] };
export interface ProcedureMeta {
  access: ProcedureAccess;
}

/**
 * Results a procedure declares to be plain JSON (no Date, Map, Set, BigInt, undefined or shared references):
 * sent as superjson's `{ json }` without the walk superjson makes over every value to find what JSON cannot carry.
 * That walk cost more CPU than building the ranking list it walked. The client's superjson reads it unchanged.
 */
const plainJsonResults = new WeakSet<object>();

/** Marks a procedure's result as plain JSON (see above); a test per procedure checks the claim. */
export function plainJson<T extends object>(value: T): T {
  plainJsonResults.add(value);
  return value;
}

/** superjson, with the plain-JSON shortcut for marked results. */
export const transformer = {
  input: superjson,
  output: {
    serialize: (value: unknown) =>
      typeof value === 'object' && value !== null && plainJsonResults.has(value)
        ? { json: value }
        : superjson.serialize(value),
    deserialize: (value: unknown) =>
      superjson.deserialize(value as Parameters<typeof superjson.deserialize>[0]),
  },
};

const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer,
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      return {
        ...shape,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          // Field errors help forms; stacks and internal messages never reach the client.
          fieldErrors: zodError
            ? zodError.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
            : undefined,
        },
      };
    },
  });

/**
 * Turns DomainErrors into their tRPC code and hides everything else behind a generic message with the
 * request id; the full error goes to the log.
 */
const errorBoundary = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isDomainError(cause)) {
      throw new TRPCError({ code: domainToTrpc[cause.code], message: cause.message, cause });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.log.error({ err: result.error.cause ?? result.error, path }, 'procedure failed');
      throw new TRPCError({
        code: 'INTERNAL_SERVER_ERROR',
        message: `Something went wrong on our side (request ${ctx.requestId}).`,
      });
    }
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Refuses NUL characters and absurd nesting in any input, before a schema or a service sees it. */
const inputHygiene = t.middleware(async ({ getRawInput, next }) => {
  const problem = inspectRawInput(await getRawInput());
  if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
  return next();
});

export const publicProcedure = t.procedure
  .use(errorBoundary)
  .use(inputHygiene)
  .meta({ access: { kind: 'public' } });

const requireActor = t.middleware(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

export const protectedProcedure = t.procedure
  .use(errorBoundary)
  .use(requireActor)
  .use(inputHygiene)
  .meta({ access: { kind: 'signed_in' } });

/** A procedure callable only by the given roles; employer roles must belong to an organization. */
export function roleProcedure(...allowed: Role[]) {
  return protectedProcedure.meta({ access: { kind: 'roles', roles: allowed } }).use(({ ctx, next }) => {
    if (!allowed.includes(ctx.actor.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Your role does not allow this action.' });
    }
    if (ctx.actor.role !== 'candidate' && !ctx.actor.organizationId) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'You are not a member of an organization.' });
    }
    if (ctx.actor.role === 'candidate' && !ctx.actor.candidateId) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Your candidate profile is missing.' });
    }
    return next({ ctx });
  });
}

/**
 * Rate-limits a procedure per user (when signed in) and per client address, with the bucket's limits from
 * server/adapters/rate-limit/buckets.ts: `roleProcedure('recruiter').use(rateLimited('search'))`.
 */
export function rateLimited(bucket: RateLimitBucket) {
  return t.middleware(async ({ ctx, next }) => {
    const outcome = await checkRateLimit(ctx.services.rateLimiter, bucket, {
      userId: ctx.actor?.userId,
      ip: ctx.ip,
    });
    if (!outcome.allowed) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: rateLimitMessage(outcome.retryAfterMs) });
    }
    return next();
  });
}

/**
 * Records in the audit log that the caller viewed or exported the candidates a successful call returned
 * or was asked about: `.use(audited('export', (input) => input.candidateIds))`. Failed calls record nothing.
 */
export function audited(
  action: 'view' | 'export',
  candidateIdsOf: (input: { candidateIds?: unknown; candidateId?: unknown }, data: unknown) => unknown,
) {
  return t.middleware(async ({ ctx, next, path, getRawInput }) => {
    const result = await next();
    if (result.ok && ctx.actor && ctx.actor.organizationId) {
      const input = ((await getRawInput()) ?? {}) as {
        candidateIds?: unknown;
        candidateId?: unknown;
        jobId?: unknown;
      };
      const picked = candidateIdsOf(input, result.data);
      const ids = (Array.isArray(picked) ? picked : [picked]).filter(
        (id): id is string => typeof id === 'string',
      );
      await ctx.services.audit.recordAccess(ctx.actor, ids, action, {
        via: path,
        ...(typeof input.jobId === 'string' ? { jobId: input.jobId } : {}),
      });
    }
    return result;
  });
}
