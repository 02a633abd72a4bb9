import type { TrpcContext } from '@/server/api/trpc';
import { clientIpFrom, getActorFromHeaders, requestIdFrom } from '@/server/auth/session';
import { requestLogger } from '@/server/logger';
import { getRuntime } from '@/server/runtime';

export async function createContextFromHeaders(headers: Headers): Promise<TrpcContext> {
  const { services } = await getRuntime();
  const requestId = requestIdFrom(headers);
  return {
    actor: await getActorFromHeaders(headers),
    services,
    requestId,
    log: requestLogger(requestId),
    ip: clientIpFrom(headers),
  };
}
