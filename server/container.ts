import type { Db, DbHandle } from '@/db/client';
import { createAccountsService } from '@/server/services/accounts.service';
import { createAuditService } from '@/server/services/audit.service';
import { createOrganizationsService } from '@/server/services/organizations.service';
import { createPrivacyService } from '@/server/services/privacy.service';
import { sendMail } from '@/server/adapters/mail/mailer';
import { createRateLimiter } from '@/server/adapters/rate-limit/factory';
import type { RateLimiter } from '@/server/ports/rate-limiter';
import { getEnv } from '@/server/env';
import { createSearchComponents } from '@/server/adapters/search/search-factory';
import { createSearchService } from '@/server/services/search.service';
import { createSearchSync, type SearchWorkerHandle } from '@/server/services/search-sync.service';
import { logger } from '@/server/logger';
import { createTaxonomyService } from '@/server/services/taxonomy.service';
import { createJobsService } from '@/server/services/jobs.service';
import { createRankingService } from '@/server/services/ranking.service';
import { createSkillMappingService } from '@/server/services/skill-mapping.service';
import { mapCredentialSkills } from '@/server/services/skill-mapping.service';
import { createCredentialIngestService } from '@/server/services/credential-ingest.service';
import { createTrustedIssuersService } from '@/server/services/trusted-issuers.service';
import { createCandidateProfileService } from '@/server/services/candidate-profile.service';
import {
  sharedVerificationRuntime,
  verifyFile as verifyCredentialFile,
} from '@/server/adapters/credentials/verify-file';

export interface ServiceDeps {
  db: Db;
  /** Defaults to Redis (REDIS_URL), Postgres (DATABASE_URL) or memory (embedded PGlite). */
  rateLimiter?: RateLimiter;
}

/** Bundled + operator contexts and the guarded fetcher, built once per process from the environment. */
function credentialRuntime() {
  const env = getEnv();
  return sharedVerificationRuntime({
    contextsDir: env.CREDENTIAL_CONTEXTS_DIR ?? null,
    fetch: {
      enabled: env.OUTBOUND_FETCH_ENABLED,
      allowlist: env.OUTBOUND_FETCH_ALLOWLIST,
      timeoutMs: env.OUTBOUND_FETCH_TIMEOUT_MS,
      maxBytes: env.OUTBOUND_FETCH_MAX_BYTES,
    },
  });
}

/** The one wiring file: every service, built from its adapters. */
export function buildServices(deps: ServiceDeps) {
  const { db } = deps;
  const searchParts = createSearchComponents(db);
  return {
    search: createSearchService({ index: searchParts.index, source: searchParts.source, log: logger }),
    /** The outbox → search engine sync (backlog() for /api/health); startInProcessWorker(searchParts) runs it. */
    searchSync: createSearchSync({ ...searchParts, log: logger }),
    searchParts,
    accounts: createAccountsService(db),
    organizations: createOrganizationsService(db, {
      sendMail: (mail) => sendMail(db, mail),
      appUrl: getEnv().NEXTAUTH_URL ?? 'http://localhost:3000',
    }),
    audit: createAuditService(db),
    taxonomy: createTaxonomyService(db),
    jobs: createJobsService(db),
    /** Holds the in-memory ranking index; the outbox worker calls ranking.applyCandidateChanges(ids). */
    ranking: createRankingService(db, { listCache: getEnv().RANKING_LIST_CACHE }),
    skillMapping: createSkillMappingService(db),
    /** Credential upload, verification, storage and re-verification (the skill-mapping hook is wired here). */
    credentials: createCredentialIngestService({
      db,
      verifyFile: (fileName, bytes, options) =>
        verifyCredentialFile(fileName, bytes, credentialRuntime(), options),
      mapCredentialSkills,
    }),
    trustedIssuers: createTrustedIssuersService(db),
    /** Employers' view of one candidate (visibility-checked; the router audits the view). */
    candidateProfile: createCandidateProfileService(db),
    privacy: createPrivacyService(db),
    rateLimiter:
      deps.rateLimiter ??
      createRateLimiter({
        db,
        redisUrl: getEnv().REDIS_URL,
        sharedDatabase: Boolean(getEnv().DATABASE_URL),
        log: logger,
      }),
  };
}

export type Services = ReturnType<typeof buildServices>;

export interface AppRuntime {
  handle: DbHandle;
  services: Services;
  /** The in-process outbox worker (search index and ranking index follow the database through it). */
  worker: SearchWorkerHandle;
  startedAt: Date;
  /** This process's id among the app instances (the change feed's sender id; reported by /api/health). */
  instanceId: string;
}
