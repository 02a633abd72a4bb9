import type { Actor } from '@/server/domain/auth/actor';
import { DomainError } from '@/server/domain/errors';
import type { Availability, CredentialStatus } from '@/server/domain/search/search-document';
import type {
  CandidateSearchQuery,
  FacetValue,
  MatchedSkill,
  SearchFacet,
} from '@/server/domain/search/search-query';
import type { SearchDocumentSource, SearchIndex } from '@/server/ports/search-index';

const EMPLOYER_ROLES = new Set(['recruiter', 'hiring_manager', 'org_admin']);
/** Skills shown per hit next to the matched ones. */
const TOP_SKILLS = 8;

export interface CandidateSearchHitDto {
  candidateId: string;
  displayName: string;
  headline: string;
  location: string;
  availability: Availability;
  verifiedSkillCount: number;
  verifiedCredentialCount: number;
  unverifiedCredentialCount: number;
  credentialStatuses: CredentialStatus[];
  issuers: string[];
  /** Skills the query text or a skill filter matched, with highlight segments. */
  matchedSkills: MatchedSkill[];
  /** Strongest skills, for context. */
  topSkills: { id: string; label: string; verified: boolean; strength: number }[];
  updatedAt: string;
}

export interface CandidateSearchResponse {
  hits: CandidateSearchHitDto[];
  total: number;
  /** More than `total` candidates match (counting stops at 10,000). */
  totalCapped: boolean;
  page: number;
  pageSize: number;
  totalPages: number;
  facets: Partial<Record<SearchFacet, FacetValue[]>>;
  /** The facet counts are estimates from a sample of a large match set. */
  facetsApproximate: boolean;
  engine: SearchIndex['kind'];
}

export interface SearchServiceDeps {
  index: SearchIndex;
  source: Pick<SearchDocumentSource, 'skillLabels'>;
  log?: { error(obj: object, msg?: string): void };
}

/**
 * Recruiter search. The organization scope comes from the actor, never from the input, so a recruiter only
 * ever sees public candidates and those who applied to their organization; other organizations' ids in a
 * document never leave the service.
 */
export function createSearchService(deps: SearchServiceDeps) {
  return {
    async candidates(actor: Actor, input: CandidateSearchQuery): Promise<CandidateSearchResponse> {
      if (!EMPLOYER_ROLES.has(actor.role))
        throw new DomainError('FORBIDDEN', 'Only employers can search candidates.');
      if (!actor.organizationId)
        throw new DomainError('FORBIDDEN', 'You are not a member of an organization.');
      let result;
      try {
        result = await deps.index.search(input, { organizationId: actor.organizationId });
      } catch (error) {
        if (error instanceof DomainError) throw error;
        deps.log?.error({ err: error, engine: deps.index.kind }, 'search engine failed');
        throw new DomainError('UNAVAILABLE', 'Search is temporarily unavailable; please try again shortly.');
      }
      const facets = { ...result.facets };
      if (facets.skills?.length) {
        const labels = await deps.source.skillLabels(facets.skills.map((facet) => facet.value));
        facets.skills = facets.skills.map((facet) => ({
          ...facet,
          label: labels.get(facet.value) ?? facet.value,
        }));
      }
      return {
        hits: result.hits.map(({ document, matchedSkills }) => ({
          candidateId: document.id,
          displayName: document.displayName,
          headline: document.headline,
          location: document.location,
          availability: document.availability,
          verifiedSkillCount: document.verifiedSkillCount,
          verifiedCredentialCount: document.verifiedCredentialCount,
          unverifiedCredentialCount: document.unverifiedCredentialCount,
          credentialStatuses: document.credentialStatuses,
          issuers: document.issuers,
          matchedSkills,
          topSkills: document.skills.slice(0, TOP_SKILLS).map((skill) => ({
            id: skill.id,
            label: skill.label,
            verified: skill.verified,
            strength: skill.strength,
          })),
          updatedAt: new Date(document.updatedAt).toISOString(),
        })),
        total: result.total,
        totalCapped: result.totalCapped,
        page: result.page,
        pageSize: result.pageSize,
        totalPages: result.totalPages,
        facets,
        facetsApproximate: result.facetsApproximate,
        engine: deps.index.kind,
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
