import { accountRouter } from '@/server/api/routers/account.router';
import { auditRouter } from '@/server/api/routers/audit.router';
import { organizationRouter } from '@/server/api/routers/organization.router';
import { privacyRouter } from '@/server/api/routers/privacy.router';
import { searchRouter } from '@/server/api/routers/search.router';
import { credentialsRouter } from '@/server/api/routers/credentials.router';
import { trustedIssuersRouter } from '@/server/api/routers/trusted-issuers.router';
import { skillsRouter } from '@/server/api/routers/skills.router';
import { taxonomyRouter } from '@/server/api/routers/taxonomy.router';
import { jobsRouter } from '@/server/api/routers/jobs.router';
import { rankingRouter } from '@/server/api/routers/ranking.router';
import { candidatesRouter } from '@/server/api/routers/candidates.router';
import { createCallerFactory, router } from '@/server/api/trpc';

export const appRouter = router({
  taxonomy: taxonomyRouter,
  skills: skillsRouter,
  account: accountRouter,
  organization: organizationRouter,
  audit: auditRouter,
  privacy: privacyRouter,
  search: searchRouter,
  credentials: credentialsRouter,
  trustedIssuers: trustedIssuersRouter,
  jobs: jobsRouter,
  ranking: rankingRouter,
  candidates: candidatesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
