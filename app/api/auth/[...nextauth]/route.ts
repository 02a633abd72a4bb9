import NextAuth from 'next-auth';
import { getAuthOptions } from '@/server/auth/options';

export const dynamic = 'force-dynamic';

async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const params = await context.params;
  return NextAuth(request as never, { params } as never, await getAuthOptions());
}

export { handler as GET, handler as POST };
