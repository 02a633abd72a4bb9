export const roles = ['candidate', 'recruiter', 'hiring_manager', 'org_admin'] as const;
export type Role = (typeof roles)[number];

export const employerRoles = ['recruiter', 'hiring_manager', 'org_admin'] as const satisfies readonly Role[];

/** Who is calling, as read from the database on every request (never from a token). */
export interface Actor {
  userId: string;
  role: Role;
  organizationId: string | null;
  candidateId: string | null;
}

export const roleLabels: Record<Role, string> = {
  candidate: 'Candidate',
  recruiter: 'Recruiter',
  hiring_manager: 'Hiring manager',
  org_admin: 'Organization admin',
};

/** The landing area of each role in the web app. */
export const roleHome: Record<Role, string> = {
  candidate: '/candidate',
  recruiter: '/recruiter',
  hiring_manager: '/hiring',
  org_admin: '/admin',
};
