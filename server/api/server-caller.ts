import { headers } from 'next/headers';
import { createCaller } from '@/server/api/root';
import { createContextFromHeaders } from '@/server/api/context';

/** A tRPC caller for server components: same procedures, same access checks, no HTTP hop. */
export async function getServerCaller() {
  const context = await createContextFromHeaders(new Headers(await headers()));
  return { caller: createCaller(context), actor: context.actor };
}
