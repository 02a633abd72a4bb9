import { createMeilisearchIndex, meilisearchAnswers } from '@/server/adapters/search/meilisearch.search';
import { describeSearchIndexContract } from './search-index.contract';

const host = process.env.MEILISEARCH_HOST;

describeSearchIndexContract('meilisearch', async () => {
  if (!host || !(await meilisearchAnswers(host))) {
    console.warn(
      `\n!!! SearchIndex contract for MEILISEARCH SKIPPED: ${host ? `${host} does not answer` : 'MEILISEARCH_HOST is not set'}.` +
        '\n!!! Start Meilisearch and set MEILISEARCH_HOST (and MEILISEARCH_API_KEY) to run it.\n',
    );
    return null;
  }
  const indexUid = `contract_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const index = createMeilisearchIndex({ host, apiKey: process.env.MEILISEARCH_API_KEY, indexUid });
  await index.ensureSettings({ synonyms: { k8s: ['kubernetes'], kubernetes: ['k8s'] } });
  return {
    index,
    cleanup: async () => {
      const { Meilisearch } = await import('meilisearch');
      await new Meilisearch({ host, apiKey: process.env.MEILISEARCH_API_KEY }).deleteIndexIfExists(indexUid);
    },
  };
});
