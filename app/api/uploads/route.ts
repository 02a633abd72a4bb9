import 'server-only';
import { randomUUID } from 'node:crypto';
import { getEnv } from '@/server/env';
import { logger } from '@/server/logger';
import { getRuntime } from '@/server/runtime';
import { clientIpFrom, getActorFromRequest } from '@/server/auth/session';
import { rateLimitResponse } from '@/server/adapters/rate-limit/enforce';
import { handleCredentialUpload } from '@/server/adapters/http/upload-stream';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Streaming credential upload for the signed-in candidate; per-file results come back as NDJSON lines. */
export async function POST(request: Request): Promise<Response> {
  const actor = await getActorFromRequest(request);
  const { services } = await getRuntime();
  const env = getEnv();
  const limited = await rateLimitResponse(services.rateLimiter, 'upload', {
    userId: actor?.userId,
    ip: clientIpFrom(request.headers),
  });
  if (limited) return limited;
  return handleCredentialUpload(request, {
    actor,
    ingest: (a, input) => services.credentials.ingestFile(a, input),
    limits: {
      maxFileBytes: env.UPLOAD_MAX_FILE_BYTES,
      maxTotalBytes: env.UPLOAD_MAX_TOTAL_BYTES,
      maxFiles: env.UPLOAD_MAX_FILES,
    },
    uploadId: randomUUID(),
    onError: (error) => logger.error({ err: error }, 'credential upload failed'),
  });
}
