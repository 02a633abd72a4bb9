import { redirect } from 'next/navigation';
import type { Actor, Role } from '@/server/domain/auth/actor';
import { roleHome } from '@/server/domain/auth/actor';
import { getServerCaller } from '@/server/api/server-caller';

/**
 * For layouts of role areas: redirects visitors who are signed out or in another role. This is navigation,
 * not authorization — every procedure checks access again.
 */
export async function requireRole(
  ...roles: Role[]
): Promise<{ actor: Actor; caller: Awaited<ReturnType<typeof getServerCaller>>['caller'] }> {
  const { actor, caller } = await getServerCaller();
  if (!actor) redirect('/');
  if (!roles.includes(actor.role)) redirect(roleHome[actor.role]);
  return { actor, caller };
}
