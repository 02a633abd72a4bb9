const MAX_DEPTH = 32;
const MAX_NODES = 200_000;

/**
 * Refusals that hold for every procedure whatever its schema: a NUL character (PostgreSQL text cannot
 * store it, and no person types it) anywhere in a string or key, and inputs nested absurdly deep or with
 * an absurd number of values. Returns the message for the client, or null when the input is fine.
 */
export function inspectRawInput(input: unknown): string | null {
  const stack: [unknown, number][] = [[input, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (++nodes > MAX_NODES) return 'The input has too many values.';
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return 'Text must not contain NUL characters.';
      continue;
    }
    if (value === null || typeof value !== 'object' || value instanceof Date) continue;
    if (depth >= MAX_DEPTH) return 'The input is nested too deeply.';
    if (Array.isArray(value)) {
      for (const item of value) stack.push([item, depth + 1]);
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return 'Field names must not contain NUL characters.';
      stack.push([item, depth + 1]);
    }
  }
  return null;
}
