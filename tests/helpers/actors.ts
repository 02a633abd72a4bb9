import type { Db } from '@/db/client';
import { candidates, organizations, users } from '@/db/schema';
import { createCaller } from '@/server/api/root';
import { buildServices, type Services } from '@/server/container';
import type { Actor, Role } from '@/server/domain/auth/actor';
import { logger } from '@/server/logger';

let sequence = 0;
const unique = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

export async function createOrganization(db: Db, name = `Org ${unique()}`): Promise<string> {
  const [org] = await db
    .insert(organizations)
    .values({ name, slug: `org-${unique()}` })
    .returning({ id: organizations.id });
  return org.id;
}

export interface ActorOverrides {
  organizationId?: string | null;
  name?: string;
  visibility?: 'public' | 'applied_only' | 'hidden';
  location?: string;
}

/** A user of the given role with its rows in the database (and a candidate profile for candidates). */
export async function createActor(db: Db, role: Role, overrides: ActorOverrides = {}): Promise<Actor> {
  const id = unique();
  const name = overrides.name ?? `${role} ${id}`;
  const organizationId =
    role === 'candidate'
      ? null
      : overrides.organizationId === undefined
        ? await createOrganization(db)
        : overrides.organizationId;
  const [user] = await db
    .insert(users)
    .values({ email: `${role}-${id}@test.example`, name, role, organizationId })
    .returning({ id: users.id });
  let candidateId: string | null = null;
  if (role === 'candidate') {
    const [candidate] = await db
      .insert(candidates)
      .values({
        userId: user.id,
        displayName: name,
        visibility: overrides.visibility ?? 'public',
        location: overrides.location ?? 'Berlin, Germany',
      })
      .returning({ id: candidates.id });
    candidateId = candidate.id;
  }
  return { userId: user.id, role, organizationId, candidateId };
}

/** A tRPC caller acting as `actor` (or signed out), over services built on the test database. */
export function callerAs(db: Db, actor: Actor | null, services: Services = buildServices({ db })) {
  return createCaller({ actor, services, requestId: `test-${unique()}`, log: logger, ip: '127.0.0.1' });
}
