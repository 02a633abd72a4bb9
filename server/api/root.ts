import { accountRouter } from '@/server/api/routers/account.router';
import { createCallerFactory, router } from '@/server/api/trpc';

export const appRouter = router({
  account: accountRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
