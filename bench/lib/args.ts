export type BenchSize = 'small' | 'medium' | 'large';

/** Candidate / job counts per size (the 10k / 100k / 1M scale). */
export const SIZE_COUNTS: Readonly<Record<BenchSize, number>> = {
  small: 10_000,
  medium: 100_000,
  large: 1_000_000,
};

/** Reads `--name value` or `--name=value`. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const flag = `--${name}`;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === flag) return argv[i + 1];
    if (argv[i].startsWith(`${flag}=`)) return argv[i].slice(flag.length + 1);
  }
  return undefined;
}

export function hasFlag(argv: readonly string[], name: string): boolean {
  return argv.includes(`--${name}`);
}

export function parseSize(argv: readonly string[], fallback: BenchSize = 'small'): BenchSize {
  const v = argValue(argv, 'size') ?? fallback;
  if (v !== 'small' && v !== 'medium' && v !== 'large') {
    throw new Error(`--size must be small, medium or large (got "${v}")`);
  }
  return v;
}
