import NextAuth from 'next-auth';
import { signInRateLimitResponse } from '@/server/adapters/rate-limit/sign-in';
import { getAuthOptions } from '@/server/auth/options';
import { clientIpFrom } from '@/server/auth/session';
import { getRuntime } from '@/server/runtime';

export const dynamic = 'force-dynamic';

async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const params = await context.params;
  const { services } = await getRuntime();
  const limited = await signInRateLimitResponse(
    services.rateLimiter,
    request,
    params.nextauth ?? [],
    clientIpFrom(request.headers),
  );
  if (limited) return limited;
  return NextAuth(request as never, { params } as never, await getAuthOptions());
}

export { handler as GET, handler as POST };
