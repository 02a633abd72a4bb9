import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/api/root';
import { createContextFromHeaders } from '@/server/api/context';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 1_000_000;

async function handler(request: Request) {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) {
    return Response.json({ error: { message: 'Request body too large.' } }, { status: 413 });
  }
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => createContextFromHeaders(request.headers),
  });
}

export { handler as GET, handler as POST };
