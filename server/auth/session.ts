import { randomUUID } from 'node:crypto';
import { getToken } from 'next-auth/jwt';
import type { Actor } from '@/server/domain/auth/actor';
import { authSecret, getEnv } from '@/server/env';
import { getRuntime } from '@/server/runtime';

function secureCookies(): boolean {
  const env = getEnv();
  return env.NEXTAUTH_URL?.startsWith('https://') ?? env.NODE_ENV === 'production';
}

/**
 * The signed-in actor for a request: the session cookie only names the user; role, organization and
 * candidate profile are read from the database each time, so a changed role applies at once.
 */
export async function getActorFromHeaders(headers: Headers): Promise<Actor | null> {
  const cookie = headers.get('cookie');
  if (!cookie) return null;
  // next-auth v4's getToken reads `req.cookies` (not the Cookie header), so hand it the parsed cookies.
  const cookies = Object.fromEntries(
    cookie.split(';').flatMap((part) => {
      const at = part.indexOf('=');
      if (at < 0) return [];
      const value = part.slice(at + 1).trim();
      try {
        return [[part.slice(0, at).trim(), decodeURIComponent(value)]];
      } catch {
        return [[part.slice(0, at).trim(), value]];
      }
    }),
  );
  const token = await getToken({
    req: { headers: { cookie }, cookies } as never,
    secret: authSecret(),
    secureCookie: secureCookies(),
  });
  if (!token?.sub) return null;
  const { services } = await getRuntime();
  return services.accounts.actorForUser(token.sub);
}

export function getActorFromRequest(request: Request): Promise<Actor | null> {
  return getActorFromHeaders(request.headers);
}

export function requestIdFrom(headers: Headers): string {
  const given = headers.get('x-request-id');
  return given && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
}

/**
 * The client address for rate limits. The left of X-Forwarded-For is whatever the client sent; each proxy
 * appends the address it saw, so the entry TRUSTED_PROXY_HOPS from the right is the first one a proxy we
 * run wrote (Next.js itself fills the header from the socket only when it is absent).
 */
export function clientIpFrom(
  headers: Headers,
  trustedProxyHops: number = getEnv().TRUSTED_PROXY_HOPS,
): string {
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const trusted = chain[Math.max(0, chain.length - Math.max(1, trustedProxyHops))];
  return trusted || headers.get('x-real-ip') || '127.0.0.1';
}
