import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { candidates, organizations, users } from '@/db/schema';
import type { Actor } from '@/server/domain/auth/actor';

/** Job descriptions for the demo organization, written for this demo. */
export interface DemoJob {
  organizationSlug: string;
  title: string;
  location: string;
  description: string;
}

export const demoJobs: DemoJob[] = [
  {
    organizationSlug: 'northwind',
    title: 'Senior Backend Engineer (Node.js)',
    location: 'Berlin, Germany (hybrid)',
    description: `Northwind Engineering is hiring a Senior Backend Engineer to build the APIs behind our logistics platform.

What you will do:
- Design and build REST and GraphQL APIs in Node.js and TypeScript.
- Model data in PostgreSQL and tune slow SQL queries.
- Ship services in Docker containers to our Kubernetes clusters on AWS.

Requirements:
- Must have 3+ years of experience with Node.js and TypeScript.
- Strong SQL and PostgreSQL skills are required.
- Experience with Docker and Kubernetes.

Nice to have:
- Terraform or other infrastructure as code.
- Experience with Apache Spark data pipelines is a bonus.
- Agile ways of working (Scrum).`,
  },
  {
    organizationSlug: 'northwind',
    title: 'Data Engineer',
    location: 'Remote (EU)',
    description: `We are looking for a Data Engineer to own our analytics pipelines.

You will build batch and streaming ETL pipelines with Apache Spark, write Python and SQL every day, and
run workloads on AWS.

Required: Python, SQL and Apache Spark. You must be comfortable with data analysis in pandas.
Preferred: statistics, machine learning foundations, PostgreSQL performance tuning.
Bonus: Docker, Terraform.`,
  },
  {
    organizationSlug: 'northwind',
    title: 'Frontend Developer (React)',
    location: 'Amsterdam, Netherlands',
    description: `Join our product team as a Frontend Developer.

Must have: React and TypeScript, modern JavaScript, HTML and CSS.
Required: experience building accessible interfaces (WCAG).
Nice to have: user research and usability testing, agile project management, Node.js.`,
  },
  {
    organizationSlug: 'contoso',
    title: 'Registered Nurse, Emergency Department',
    location: 'Dublin, Ireland',
    description: `Contoso Health seeks a Registered Nurse for the emergency department.

Required: nursing qualification, patient care experience, Basic Life Support (CPR) certification.
Must have: infection prevention and control training.
Preferred: leadership and teamwork in multidisciplinary teams.`,
  },
];

export interface DemoJobServices {
  list(actor: Actor): Promise<{ jobId: string; title: string }[]>;
  create(
    actor: Actor,
    input: { title: string; description: string; location: string },
  ): Promise<{ jobId: string }>;
  apply(actor: Actor, jobId: string): Promise<{ applied: boolean }>;
}

/**
 * Creates the demo jobs through the jobs service (skills extracted from the description, as a hiring manager
 * would start) and lets a share of the 'applied only' candidates apply, so that visibility rule shows in the
 * demo. Idempotent: jobs are matched by title, applications are unique.
 */
export async function seedDemoJobs(
  db: Db,
  jobsService: DemoJobServices,
): Promise<{ jobs: number; applications: number }> {
  const employers = await db
    .select({ userId: users.id, role: users.role, organizationId: users.organizationId, email: users.email })
    .from(users)
    .where(inArray(users.email, ['hiring@demo.skillgraph.dev', 'recruiter@contoso.demo.skillgraph.dev']));
  const orgSlugs = await db.select({ id: organizations.id, slug: organizations.slug }).from(organizations);
  const slugById = new Map(orgSlugs.map((org) => [org.id, org.slug]));
  const createdJobIds: string[] = [];
  let created = 0;
  for (const employer of employers) {
    const actor: Actor = {
      userId: employer.userId,
      role: employer.role,
      organizationId: employer.organizationId,
      candidateId: null,
    };
    const slug = employer.organizationId ? slugById.get(employer.organizationId) : undefined;
    const existing = await jobsService.list(actor);
    for (const job of demoJobs.filter((item) => item.organizationSlug === slug)) {
      const found = existing.find((item) => item.title === job.title);
      if (found) {
        if (slug === 'northwind') createdJobIds.push(found.jobId);
        continue;
      }
      const { jobId } = await jobsService.create(actor, {
        title: job.title,
        description: job.description,
        location: job.location,
      });
      if (slug === 'northwind') createdJobIds.push(jobId);
      created++;
    }
  }
  const appliedOnly = await db
    .select({ candidateId: candidates.id, userId: candidates.userId })
    .from(candidates)
    .where(eq(candidates.visibility, 'applied_only'))
    .orderBy(asc(candidates.createdAt), asc(candidates.id));
  let applications = 0;
  for (const [position, candidate] of appliedOnly.entries()) {
    if (position % 2 === 1 || createdJobIds.length === 0) continue;
    const actor: Actor = {
      userId: candidate.userId,
      role: 'candidate',
      organizationId: null,
      candidateId: candidate.candidateId,
    };
    const { applied } = await jobsService.apply(actor, createdJobIds[position % createdJobIds.length]);
    if (applied) applications++;
  }
  return { jobs: created, applications };
}
