-- The skills facet counts 64-bit hashes of skill ids instead of the ids as text: 8 bytes a skill inline
-- instead of ~45, so each search_documents row is ~350 bytes (about a third) narrower and a search reads
-- that many fewer pages per match. search_skill_keys maps a counted key back to its skill id.
CREATE TABLE "search_skill_keys" (
	"key" bigint PRIMARY KEY NOT NULL,
	"skill_id" text NOT NULL
);--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "skill_keys" bigint[] DEFAULT '{}'::bigint[] NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ALTER COLUMN "skill_keys" SET STORAGE MAIN;--> statement-breakpoint
INSERT INTO "search_skill_keys" ("key", "skill_id")
  SELECT DISTINCT ON (hashtextextended(id, 0)) hashtextextended(id, 0), id
  FROM "search_documents", unnest("skill_ids") AS id
ON CONFLICT ("key") DO NOTHING;--> statement-breakpoint
UPDATE "search_documents" SET "skill_keys" = ARRAY(SELECT hashtextextended(id, 0) FROM unnest("skill_ids") AS id);--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "skill_ids";
