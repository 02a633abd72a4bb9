import type { Db } from '@/db/client';
import { linkFrameworks } from '@/server/adapters/taxonomy/crosswalk';
import { loadBundle, type LoadStats, type TaxonomyBundle } from '@/server/adapters/taxonomy/framework-loader';
import starter from './starter-taxonomy.json';

/** Shape of db/seed/starter-taxonomy.json: Skillgraph's own small taxonomy (ids `starter:<slug>`). */
export interface StarterTaxonomyFile {
  name: string;
  version: string;
  skills: {
    id: string;
    concept: 'skill' | 'group';
    label: string;
    altLabels?: string[];
    description?: string;
    broader?: string[];
  }[];
  relations: { skill: string; related: string; relation: 'essential' | 'optional' }[];
}

export const starterTaxonomy = starter as StarterTaxonomyFile;

/** The starter taxonomy as an import bundle (framework id `starter`). */
export function starterBundle(file: StarterTaxonomyFile = starterTaxonomy): TaxonomyBundle {
  return {
    framework: { id: 'starter', name: file.name, version: file.version, uri: null },
    skills: file.skills.map((s) => ({
      id: s.id,
      uri: null,
      code: null,
      concept: s.concept,
      skillType: s.concept === 'skill' ? 'skill/competence' : null,
      reuseLevel: null,
      preferredLabel: s.label,
      description: s.description ?? null,
    })),
    labels: file.skills.flatMap((s) =>
      (s.altLabels ?? []).map((label) => ({ skillId: s.id, kind: 'alt' as const, label })),
    ),
    broader: file.skills.flatMap((s) => (s.broader ?? []).map((broaderId) => ({ skillId: s.id, broaderId }))),
    relations: file.relations.map((r) => ({ skillId: r.skill, relatedId: r.related, relation: r.relation })),
    collections: [],
    occupations: [],
    occupationSkills: [],
  };
}

/**
 * Loads (or refreshes) the starter taxonomy so the embedded default works without any download, and
 * links it to ESCO by label when ESCO is present. Idempotent: a second run changes nothing.
 */
export async function seedStarterTaxonomy(db: Db): Promise<LoadStats & { crosswalks: number }> {
  return db.transaction(async (tx) => {
    const stats = await loadBundle(tx, starterBundle());
    const crosswalks = await linkFrameworks(tx, 'starter', 'esco');
    return { ...stats, crosswalks };
  });
}
