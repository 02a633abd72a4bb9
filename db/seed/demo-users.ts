import type { Role } from '@/server/domain/auth/actor';

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  organizationSlug: string | null;
}

export const demoOrganizations = [
  { slug: 'northwind', name: 'Northwind Engineering' },
  { slug: 'contoso', name: 'Contoso Health' },
] as const;

/** The documented demo sign-ins (README): one user per role in Northwind, plus a Contoso recruiter. */
export const demoUsers: DemoUser[] = [
  {
    email: 'candidate@demo.skillgraph.dev',
    name: 'Ada Lindqvist',
    role: 'candidate',
    organizationSlug: null,
  },
  {
    email: 'recruiter@demo.skillgraph.dev',
    name: 'Ravi Menon',
    role: 'recruiter',
    organizationSlug: 'northwind',
  },
  {
    email: 'hiring@demo.skillgraph.dev',
    name: 'Hanna Okafor',
    role: 'hiring_manager',
    organizationSlug: 'northwind',
  },
  {
    email: 'admin@demo.skillgraph.dev',
    name: 'Alex Moreau',
    role: 'org_admin',
    organizationSlug: 'northwind',
  },
  {
    email: 'recruiter@contoso.demo.skillgraph.dev',
    name: 'Chen Wu',
    role: 'recruiter',
    organizationSlug: 'contoso',
  },
];
