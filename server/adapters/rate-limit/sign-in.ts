import type { RateLimiter } from '@/server/ports/rate-limiter';
import { rateLimitResponse } from './enforce';

/** next-auth actions that try a sign-in: asking for an e-mail link, demo/credentials and provider callbacks. */
export function isSignInAttempt(method: string, segments: readonly string[]): boolean {
  const [action] = segments;
  if (action === 'callback') return true;
  return action === 'signin' && method === 'POST';
}

async function signInIdentifier(request: Request): Promise<string | null> {
  const type = request.headers.get('content-type') ?? '';
  try {
    if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
      const email = (await request.clone().formData()).get('email');
      return typeof email === 'string' && email.length <= 320 ? email : null;
    }
    if (type.includes('application/json')) {
      const body = (await request.clone().json()) as { email?: unknown };
      return typeof body?.email === 'string' && body.email.length <= 320 ? body.email : null;
    }
  } catch {
    return null;
  }
  const email = new URL(request.url).searchParams.get('email');
  return email && email.length <= 320 ? email : null;
}

/**
 * For app/api/auth/[...nextauth]: null when the request may go on to next-auth, else a 429. Sign-in
 * attempts are limited per client address and per e-mail address (hashed in the counters).
 */
export async function signInRateLimitResponse(
  limiter: RateLimiter,
  request: Request,
  segments: readonly string[],
  ip: string,
): Promise<Response | null> {
  if (!isSignInAttempt(request.method, segments)) return null;
  return rateLimitResponse(limiter, 'signIn', { ip, identifier: await signInIdentifier(request) });
}
