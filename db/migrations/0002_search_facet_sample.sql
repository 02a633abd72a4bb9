-- Facet sampling and an index for the default order.
-- sample_key: a fixed pseudo-random key per candidate; facets of a large match set are counted on the matches
-- with the smallest keys (a bottom-k sample, the same on every page of a search).
-- search_documents_verified_order_idx: the whole default order (most verified skills first), so a page of
-- a broad search is read in index order and stops; it replaces the two-column verified_skills index.
DROP INDEX "search_documents_verified_skills_idx";--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "sample_key" integer GENERATED ALWAYS AS (hashtext(candidate_id::text) & 2147483647) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "search_documents_verified_order_idx" ON "search_documents" USING btree ("verified_skill_count" DESC NULLS FIRST,"verified_credential_count" DESC NULLS FIRST,"updated_at" DESC NULLS FIRST,"candidate_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "search_documents_sample_key_idx" ON "search_documents" USING btree ("sample_key");