import { describe, expect, it } from 'vitest';
import { clientIpFrom } from '@/server/auth/session';

const headers = (forwardedFor: string | null) =>
  new Headers(forwardedFor === null ? {} : { 'x-forwarded-for': forwardedFor });

describe('client address for rate limits', () => {
  it('ignores addresses a client put at the left of X-Forwarded-For', () => {
    expect(clientIpFrom(headers('6.6.6.6, 203.0.113.7'), 1)).toBe('203.0.113.7');
  });

  it('reads further left only through as many proxies as are trusted', () => {
    expect(clientIpFrom(headers('6.6.6.6, 198.51.100.2, 10.0.0.5'), 2)).toBe('198.51.100.2');
    expect(clientIpFrom(headers('198.51.100.2'), 3)).toBe('198.51.100.2');
  });

  it('falls back to loopback when no address is known', () => {
    expect(clientIpFrom(headers(null), 1)).toBe('127.0.0.1');
  });
});
