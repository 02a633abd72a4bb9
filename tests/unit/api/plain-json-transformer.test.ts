import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { plainJson, transformer } from '@/server/api/trpc';

describe('tRPC output transformer', () => {
  it('sends a result marked as plain JSON as it is, and superjson on the client reads it back equal', () => {
    const result = plainJson({ candidates: [{ id: 'a', cells: [{ points: 3 }] }], labels: { x: 'X' } });
    const wire = transformer.output.serialize(result);
    expect(wire).toEqual({ json: result });
    expect(superjson.deserialize(JSON.parse(JSON.stringify(wire)))).toEqual(result);
  });

  it('keeps superjson for every other result (dates, maps and undefined survive)', () => {
    const value = { at: new Date('2026-01-01T00:00:00Z'), tags: new Map([['a', 1]]), gone: undefined };
    const wire = transformer.output.serialize(value);
    expect(wire).toEqual(superjson.serialize(value));
    expect(superjson.deserialize(JSON.parse(JSON.stringify(wire)))).toEqual(value);
  });
});
