import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { appRouter } from '@/server/api/root';
import type { ProcedureAccess } from '@/server/api/trpc';
import type { RateLimiter } from '@/server/ports/rate-limiter';

/** What the tests need to know of a procedure, read from the router itself (so new procedures are seen). */
export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  access: ProcedureAccess | undefined;
  input: ZodLike | undefined;
}

/** The parts of zod 4's public `_zod.def` the tests read. */
export interface ZodLike {
  _zod: { def: Record<string, unknown> & { type: string } };
}

interface ProcedureDef {
  _def: { type: ProcedureInfo['type']; meta?: { access?: ProcedureAccess }; inputs: ZodLike[] };
}

export function listProcedures(): ProcedureInfo[] {
  const procedures = (appRouter._def as unknown as { procedures: Record<string, ProcedureDef> }).procedures;
  return Object.entries(procedures)
    .map(([path, procedure]) => ({
      path,
      type: procedure._def.type,
      access: procedure._def.meta?.access,
      input: procedure._def.inputs[0],
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Calls `path` on a tRPC caller with `input` (the caller's proxy resolves dotted paths). */
export function callPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

/** The access layer's refusals (server/api/trpc.ts), as opposed to a service's own FORBIDDEN. */
const accessMessages = new Set([
  'Sign in to continue.',
  'Your role does not allow this action.',
  'You are not a member of an organization.',
  'Your candidate profile is missing.',
]);

export function isAccessDenial(error: unknown): error is TRPCError {
  return (
    error instanceof TRPCError &&
    (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN') &&
    accessMessages.has(error.message)
  );
}

/** A limiter that never refuses: the matrix and the corpus must reach every procedure's service. */
export const unlimited: RateLimiter = {
  kind: 'memory',
  hit: async () => ({ allowed: true, remaining: Number.MAX_SAFE_INTEGER, retryAfterMs: 0 }),
};

const def = (schema: ZodLike) => schema._zod.def;

function unwrapOptional(schema: ZodLike): { inner: ZodLike; optional: boolean } {
  const d = def(schema);
  if (d.type === 'optional' || d.type === 'default' || d.type === 'prefault' || d.type === 'catch') {
    return { inner: d.innerType as ZodLike, optional: true };
  }
  if (d.type === 'nullable' || d.type === 'readonly' || d.type === 'nonoptional') {
    return unwrapOptional(d.innerType as ZodLike);
  }
  return { inner: schema, optional: false };
}

function checkValue(schema: ZodLike, kind: string): number | undefined {
  const checks = (def(schema).checks as { _zod: { def: Record<string, unknown> } }[] | undefined) ?? [];
  for (const check of checks) {
    const d = check._zod.def;
    if (d.check === kind) return (d.minimum ?? d.maximum ?? d.value) as number;
  }
  return undefined;
}

/**
 * A plausible valid value for a schema (required fields only), so that one bad field at a time reaches
 * the service rather than being refused with the rest of a wrong object.
 */
export function sampleOf(schema: ZodLike | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return undefined;
  const d = def(schema);
  switch (d.type) {
    case 'string': {
      const format = d.format as string | undefined;
      if (format === 'email') return 'probe@example.com';
      if (format === 'uuid' || format === 'guid') return randomUUID();
      if (format === 'url') return 'https://example.com/probe';
      if (format === 'datetime') return new Date().toISOString();
      const min = checkValue(schema, 'min_length') ?? 1;
      return 'probe'.padEnd(min, 'e');
    }
    case 'number':
    case 'int':
      return checkValue(schema, 'greater_than') ?? 1;
    case 'bigint':
      return 1n;
    case 'boolean':
      return true;
    case 'date':
      return new Date();
    case 'enum':
      return Object.values(d.entries as Record<string, unknown>)[0];
    case 'literal':
      return (d.values as unknown[])[0];
    case 'array': {
      const min = checkValue(schema, 'min_length') ?? 0;
      return Array.from({ length: min }, () => sampleOf(d.element as ZodLike, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(d.shape as Record<string, ZodLike>)) {
        const { optional } = unwrapOptional(field);
        if (!optional) out[key] = sampleOf(field, depth + 1);
      }
      return out;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return sampleOf(d.innerType as ZodLike, depth + 1);
    case 'pipe':
      return sampleOf(d.in as ZodLike, depth + 1);
    case 'union':
      return sampleOf((d.options as ZodLike[])[0], depth + 1);
    case 'record':
      return {};
    case 'tuple':
      return (d.items as ZodLike[]).map((item) => sampleOf(item, depth + 1));
    case 'lazy':
      return sampleOf((d.getter as () => ZodLike)(), depth + 1);
    default:
      return undefined;
  }
}

export interface FieldPath {
  path: string[];
  kind: string;
}

/** Every leaf field of an input schema (objects descended into; arrays as their element at index 0). */
export function fieldsOf(schema: ZodLike | undefined, prefix: string[] = [], depth = 0): FieldPath[] {
  if (!schema || depth > 6) return [];
  const { inner } = unwrapOptional(schema);
  const d = def(inner);
  if (d.type === 'pipe') return fieldsOf(d.in as ZodLike, prefix, depth + 1);
  if (d.type === 'object') {
    const fields: FieldPath[] = [];
    for (const [key, field] of Object.entries(d.shape as Record<string, ZodLike>)) {
      fields.push({ path: [...prefix, key], kind: def(unwrapOptional(field).inner).type });
      fields.push(
        ...fieldsOf(field, [...prefix, key], depth + 1).filter((f) => f.path.length > prefix.length + 1),
      );
    }
    return fields;
  }
  if (d.type === 'array') {
    return fieldsOf(d.element as ZodLike, [...prefix, '0'], depth + 1);
  }
  return [];
}

/** The top-level keys of an object input whose names say they refer to a stored resource. */
export function idFieldsOf(schema: ZodLike | undefined): string[] {
  if (!schema) return [];
  let { inner } = unwrapOptional(schema);
  if (def(inner).type === 'pipe') inner = unwrapOptional(def(inner).in as ZodLike).inner;
  if (def(inner).type !== 'object') return [];
  return Object.keys(def(inner).shape as Record<string, unknown>).filter((key) =>
    /(^id$|Id$|Ids$)/.test(key),
  );
}

/** A deep copy of `base` with `value` at `path` (creating objects/arrays on the way). */
export function withField(base: unknown, path: string[], value: unknown): unknown {
  const root = structuredClone(base ?? {}) as Record<string, unknown>;
  let node: Record<string, unknown> = root;
  path.forEach((key, index) => {
    if (index === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = /^\d+$/.test(path[index + 1]) ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  return root;
}
