import { describe, expect, it } from 'vitest';
import {
  createGuardedFetcher,
  GuardedFetchError,
  hostAllowed,
  isForbiddenAddress,
} from '@/server/adapters/http/guarded-fetcher';

const base = {
  enabled: true,
  allowlist: ['issuer.example', '*.badges.example'],
  timeoutMs: 2000,
  maxBytes: 10_000,
};

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GuardedFetchError);
    return (error as GuardedFetchError).reason;
  }
  throw new Error('expected a refusal');
}

describe('guarded fetcher', () => {
  it('is off unless enabled', async () => {
    const fetcher = createGuardedFetcher({ ...base, enabled: false });
    expect(await refusal(fetcher.fetch('https://issuer.example/a'))).toBe('disabled');
  });

  it('fetches https only', async () => {
    const fetcher = createGuardedFetcher(base);
    expect(await refusal(fetcher.fetch('http://issuer.example/a'))).toBe('not_https');
    expect(await refusal(fetcher.fetch('file:///etc/passwd'))).toBe('not_https');
  });

  it('fetches only allowlisted hosts (exact or declared subdomains)', async () => {
    const fetcher = createGuardedFetcher(base);
    expect(await refusal(fetcher.fetch('https://elsewhere.example/a'))).toBe('host_not_allowed');
    expect(await refusal(fetcher.fetch('https://issuer.example.attacker.example/a'))).toBe(
      'host_not_allowed',
    );
    expect(hostAllowed('a.badges.example', base.allowlist)).toBe(true);
    expect(hostAllowed('badges.example', base.allowlist)).toBe(true);
    expect(hostAllowed('xbadges.example', base.allowlist)).toBe(false);
    expect(await refusal(fetcher.fetch('https://user:pw@issuer.example/a'))).toBe('host_not_allowed');
  });

  it('refuses literal private and loopback addresses before any connection', async () => {
    const fetcher = createGuardedFetcher({
      ...base,
      allowlist: ['127.0.0.1', '[::1]', '::1', '169.254.169.254'],
    });
    expect(await refusal(fetcher.fetch('https://127.0.0.1/a'))).toBe('private_address');
    expect(await refusal(fetcher.fetch('https://[::1]/a'))).toBe('private_address');
    expect(await refusal(fetcher.fetch('https://169.254.169.254/latest/meta-data'))).toBe('private_address');
  });

  it('resolves the host and refuses when any address is private (DNS rebinding)', async () => {
    const lookups: string[] = [];
    const fetcher = createGuardedFetcher({
      ...base,
      lookup: async (host) => {
        lookups.push(host);
        return [
          { address: '93.184.216.34', family: 4 },
          { address: '10.0.0.7', family: 4 },
        ];
      },
    });
    expect(await refusal(fetcher.fetch('https://issuer.example/profile.json'))).toBe('private_address');
    expect(lookups).toEqual(['issuer.example']);
  });

  it('classifies special-purpose addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      'not-an-ip',
    ]) {
      expect(isForbiddenAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])
      expect(isForbiddenAddress(a), a).toBe(false);
  });
});
