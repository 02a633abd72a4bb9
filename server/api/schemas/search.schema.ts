import { z } from 'zod';
import { SEARCH_FACETS, SEARCH_LIMITS, SEARCH_SORTS } from '@/server/domain/search/search-query';

const availabilityValues = ['immediately', 'within_month', 'within_quarter', 'not_looking'] as const;
const credentialStatusValues = [
  'verified',
  'invalid',
  'expired',
  'not_yet_valid',
  'revoked',
  'unverifiable',
] as const;

const skillIds = z
  .array(z.string().trim().min(1).max(200))
  .max(SEARCH_LIMITS.maxSkillFilter, `at most ${SEARCH_LIMITS.maxSkillFilter} skills`)
  .optional();
const values = (max: number) =>
  z.array(z.string().trim().min(1).max(max)).max(SEARCH_LIMITS.maxValuesPerFilter).optional();

/** Recruiter candidate search: free text, filters, facets, sort and paging, each bounded. */
export const searchCandidatesInput = z
  .object({
    text: z
      .string()
      .max(SEARCH_LIMITS.maxTextLength, `at most ${SEARCH_LIMITS.maxTextLength} characters`)
      .optional(),
    filters: z
      .object({
        skillsAll: skillIds,
        skillsAny: skillIds,
        skillsNone: skillIds,
        verifiedSkillsOnly: z.boolean().optional(),
        credentialStatuses: z
          .array(z.enum(credentialStatusValues))
          .max(credentialStatusValues.length)
          .optional(),
        issuers: values(300),
        locations: values(200),
        availability: z.array(z.enum(availabilityValues)).max(availabilityValues.length).optional(),
      })
      .strict()
      .optional(),
    facets: z.array(z.enum(SEARCH_FACETS)).max(SEARCH_FACETS.length).optional(),
    sort: z.enum(SEARCH_SORTS).optional(),
    page: z.number().int().min(1).max(10_000).optional(),
    pageSize: z.number().int().min(1).max(SEARCH_LIMITS.maxPageSize).optional(),
  })
  .strict();

export type SearchCandidatesInput = z.infer<typeof searchCandidatesInput>;
