import { describe, expect, it } from 'vitest';
import { inspectRawInput } from '@/server/api/input-hygiene';

describe('input hygiene applied to every procedure', () => {
  it('accepts ordinary inputs, including unicode that is merely unusual', () => {
    expect(inspectRawInput(undefined)).toBeNull();
    expect(
      inspectRawInput({ text: 'Zürich 👩‍💻 \u202Eabc', list: ['a', { b: 1 }], at: new Date() }),
    ).toBeNull();
  });

  it('refuses NUL characters in values and keys at any depth', () => {
    expect(inspectRawInput('a\u0000b')).toMatch(/NUL/);
    expect(inspectRawInput({ filters: { issuers: ['ok', 'bad\u0000'] } })).toMatch(/NUL/);
    expect(inspectRawInput({ ['key\u0000']: 1 })).toMatch(/NUL/);
  });

  it('refuses absurd nesting and absurd numbers of values without recursing', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inspectRawInput(deep)).toMatch(/nested too deeply/);
    expect(inspectRawInput(Array.from({ length: 300_000 }, () => 1))).toMatch(/too many values/);
  });
});
