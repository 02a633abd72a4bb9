CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('candidate', 'recruiter', 'hiring_manager', 'org_admin');--> statement-breakpoint
CREATE TYPE "public"."trusted_issuer_kind" AS ENUM('did', 'issuer_id', 'domain');--> statement-breakpoint
CREATE TYPE "public"."availability" AS ENUM('immediately', 'within_month', 'within_quarter', 'not_looking');--> statement-breakpoint
CREATE TYPE "public"."visibility" AS ENUM('public', 'applied_only', 'hidden');--> statement-breakpoint
CREATE TYPE "public"."skill_concept" AS ENUM('skill', 'group');--> statement-breakpoint
CREATE TYPE "public"."skill_label_kind" AS ENUM('preferred', 'alt', 'hidden');--> statement-breakpoint
CREATE TYPE "public"."skill_relation" AS ENUM('essential', 'optional');--> statement-breakpoint
CREATE TYPE "public"."skill_decision" AS ENUM('confirmed', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."skill_evidence_state" AS ENUM('proposed', 'confirmed', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."skill_level" AS ENUM('basic', 'intermediate', 'advanced', 'expert');--> statement-breakpoint
CREATE TABLE "accounts" (
	"user_id" text NOT NULL,
	"type" text NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"refresh_token" text,
	"access_token" text,
	"expires_at" integer,
	"token_type" text,
	"scope" text,
	"id_token" text,
	"session_state" text,
	CONSTRAINT "accounts_provider_provider_account_id_pk" PRIMARY KEY("provider","provider_account_id")
);
--> statement-breakpoint
CREATE TABLE "dev_mailbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"session_token" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"expires" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text,
	"email" text,
	"email_verified" timestamp with time zone,
	"image" text,
	"role" "role" DEFAULT 'candidate' NOT NULL,
	"organization_id" uuid,
	"is_demo" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verification_tokens" (
	"identifier" text NOT NULL,
	"token" text NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "verification_tokens_identifier_token_pk" PRIMARY KEY("identifier","token")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" "role" NOT NULL,
	"invited_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "trusted_issuers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" "trusted_issuer_kind" NOT NULL,
	"value" text NOT NULL,
	"label" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"display_name" text NOT NULL,
	"headline" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"availability" "availability" DEFAULT 'within_quarter' NOT NULL,
	"visibility" "visibility" DEFAULT 'applied_only' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidates_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"candidate_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_user_id" text,
	"actor_organization_id" uuid,
	"action" text NOT NULL,
	"candidate_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_documents" (
	"candidate_id" uuid PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"headline" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"availability" text NOT NULL,
	"visibility" text NOT NULL,
	"applied_organization_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"audience" text[] DEFAULT '{}'::text[] NOT NULL,
	"skill_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"skill_ancestor_keys" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"verified_skill_ancestor_keys" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"issuers" text[] DEFAULT '{}'::text[] NOT NULL,
	"credential_statuses" text[] DEFAULT '{}'::text[] NOT NULL,
	"verified_skill_count" integer DEFAULT 0 NOT NULL,
	"verified_credential_count" integer DEFAULT 0 NOT NULL,
	"unverified_credential_count" integer DEFAULT 0 NOT NULL,
	"skills_text" text DEFAULT '' NOT NULL,
	"skill_names_text" text DEFAULT '' NOT NULL,
	"achievements_text" text DEFAULT '' NOT NULL,
	"issuers_text" text DEFAULT '' NOT NULL,
	"fts" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce(skills_text, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce(achievements_text, '')), 'B') || setweight(to_tsvector('simple'::regconfig, coalesce(display_name, '')), 'C') || setweight(to_tsvector('simple'::regconfig, coalesce(issuers_text, '')), 'C') || setweight(to_tsvector('simple'::regconfig, coalesce(location, '')), 'D')) STORED NOT NULL,
	"rank_fts" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce(skill_names_text, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'B')) STORED NOT NULL,
	"document" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "occupation_skills" (
	"occupation_id" text NOT NULL,
	"skill_id" text NOT NULL,
	"relation" "skill_relation" NOT NULL,
	"importance" real,
	"level" real,
	"hot" boolean DEFAULT false NOT NULL,
	CONSTRAINT "occupation_skills_occupation_id_skill_id_relation_pk" PRIMARY KEY("occupation_id","skill_id","relation")
);
--> statement-breakpoint
CREATE TABLE "occupations" (
	"id" text PRIMARY KEY NOT NULL,
	"framework_id" text NOT NULL,
	"uri" text,
	"code" text,
	"isco_group" text,
	"preferred_label" text NOT NULL,
	"alt_labels" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skill_broader" (
	"skill_id" text NOT NULL,
	"broader_id" text NOT NULL,
	CONSTRAINT "skill_broader_skill_id_broader_id_pk" PRIMARY KEY("skill_id","broader_id")
);
--> statement-breakpoint
CREATE TABLE "skill_collections" (
	"skill_id" text NOT NULL,
	"collection" text NOT NULL,
	CONSTRAINT "skill_collections_skill_id_collection_pk" PRIMARY KEY("skill_id","collection")
);
--> statement-breakpoint
CREATE TABLE "skill_crosswalks" (
	"from_skill_id" text NOT NULL,
	"to_skill_id" text NOT NULL,
	"method" text NOT NULL,
	"confidence" real NOT NULL,
	CONSTRAINT "skill_crosswalks_from_skill_id_to_skill_id_pk" PRIMARY KEY("from_skill_id","to_skill_id")
);
--> statement-breakpoint
CREATE TABLE "skill_frameworks" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"version" text,
	"uri" text,
	"organization_id" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skill_labels" (
	"skill_id" text NOT NULL,
	"kind" "skill_label_kind" NOT NULL,
	"label" text NOT NULL,
	"label_key" text NOT NULL,
	"lang" text DEFAULT 'en' NOT NULL,
	CONSTRAINT "skill_labels_skill_id_kind_label_lang_pk" PRIMARY KEY("skill_id","kind","label","lang")
);
--> statement-breakpoint
CREATE TABLE "skill_relations" (
	"skill_id" text NOT NULL,
	"related_id" text NOT NULL,
	"relation" "skill_relation" NOT NULL,
	CONSTRAINT "skill_relations_skill_id_related_id_relation_pk" PRIMARY KEY("skill_id","related_id","relation")
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"id" text PRIMARY KEY NOT NULL,
	"framework_id" text NOT NULL,
	"uri" text,
	"code" text,
	"concept" "skill_concept" DEFAULT 'skill' NOT NULL,
	"skill_type" text,
	"reuse_level" text,
	"preferred_label" text NOT NULL,
	"description" text,
	"hot_technology" boolean DEFAULT false NOT NULL,
	"in_demand" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxonomy_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"framework_id" text NOT NULL,
	"source" text NOT NULL,
	"skills" integer NOT NULL,
	"changed" integer NOT NULL,
	"duration_ms" integer NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidate_skill_decisions" (
	"candidate_id" uuid NOT NULL,
	"skill_id" text NOT NULL,
	"decision" "skill_decision" NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidate_skill_decisions_candidate_id_skill_id_pk" PRIMARY KEY("candidate_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "candidate_skill_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"candidate_id" uuid NOT NULL,
	"skill_id" text NOT NULL,
	"credential_id" uuid,
	"field" text NOT NULL,
	"span" text NOT NULL,
	"span_start" integer,
	"span_end" integer,
	"method" text NOT NULL,
	"confidence" real NOT NULL,
	"state" "skill_evidence_state" DEFAULT 'proposed' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"candidate_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidate_skill_strengths" (
	"candidate_id" uuid NOT NULL,
	"skill_id" text NOT NULL,
	"strength" smallint NOT NULL,
	"verified_strength" smallint NOT NULL,
	"last_evidence_day" integer,
	"last_verified_day" integer,
	"as_of_day" integer NOT NULL,
	CONSTRAINT "candidate_skill_strengths_candidate_id_skill_id_pk" PRIMARY KEY("candidate_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "job_skills" (
	"job_version_id" uuid NOT NULL,
	"skill_id" text NOT NULL,
	"position" smallint NOT NULL,
	"label" text NOT NULL,
	"importance" smallint NOT NULL,
	"must_have" boolean DEFAULT false NOT NULL,
	"min_level" "skill_level",
	"recency_months" smallint,
	"evidence" text,
	CONSTRAINT "job_skills_job_version_id_skill_id_pk" PRIMARY KEY("job_version_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "job_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" "job_status" DEFAULT 'open' NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_jobs" (
	"candidate_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_jobs_candidate_id_job_id_pk" PRIMARY KEY("candidate_id","job_id")
);
--> statement-breakpoint
CREATE TABLE "shortlists" (
	"job_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"added_by" text,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shortlists_job_id_candidate_id_pk" PRIMARY KEY("job_id","candidate_id")
);
--> statement-breakpoint
CREATE TABLE "rate_limit_counters" (
	"key" text NOT NULL,
	"window_start" bigint NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_limit_counters_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"candidate_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"raw" text NOT NULL,
	"media_type" text NOT NULL,
	"format" text NOT NULL,
	"status" text NOT NULL,
	"key_binding" text NOT NULL,
	"revocation" text NOT NULL,
	"issuer_trusted" boolean DEFAULT false NOT NULL,
	"issuer_id" text,
	"issuer_name" text,
	"achievement_name" text NOT NULL,
	"achievement" jsonb NOT NULL,
	"normalized" jsonb NOT NULL,
	"checks" jsonb NOT NULL,
	"subject_id" text,
	"issued_at" timestamp with time zone,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"source_file" text NOT NULL,
	"source_path" text NOT NULL,
	"upload_id" uuid NOT NULL,
	"parent_credential_id" uuid,
	"uploaded_by" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trusted_issuers" ADD CONSTRAINT "trusted_issuers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trusted_issuers" ADD CONSTRAINT "trusted_issuers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occupation_skills" ADD CONSTRAINT "occupation_skills_occupation_id_occupations_id_fk" FOREIGN KEY ("occupation_id") REFERENCES "public"."occupations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occupation_skills" ADD CONSTRAINT "occupation_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occupations" ADD CONSTRAINT "occupations_framework_id_skill_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."skill_frameworks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_broader" ADD CONSTRAINT "skill_broader_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_broader" ADD CONSTRAINT "skill_broader_broader_id_skills_id_fk" FOREIGN KEY ("broader_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_collections" ADD CONSTRAINT "skill_collections_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_crosswalks" ADD CONSTRAINT "skill_crosswalks_from_skill_id_skills_id_fk" FOREIGN KEY ("from_skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_crosswalks" ADD CONSTRAINT "skill_crosswalks_to_skill_id_skills_id_fk" FOREIGN KEY ("to_skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_frameworks" ADD CONSTRAINT "skill_frameworks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_labels" ADD CONSTRAINT "skill_labels_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_relations" ADD CONSTRAINT "skill_relations_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_relations" ADD CONSTRAINT "skill_relations_related_id_skills_id_fk" FOREIGN KEY ("related_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills" ADD CONSTRAINT "skills_framework_id_skill_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."skill_frameworks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_skill_decisions" ADD CONSTRAINT "candidate_skill_decisions_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_skill_decisions" ADD CONSTRAINT "candidate_skill_decisions_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_skill_evidence" ADD CONSTRAINT "candidate_skill_evidence_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_skill_evidence" ADD CONSTRAINT "candidate_skill_evidence_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_skill_evidence" ADD CONSTRAINT "candidate_skill_evidence_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_skill_strengths" ADD CONSTRAINT "candidate_skill_strengths_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_skills" ADD CONSTRAINT "job_skills_job_version_id_job_versions_id_fk" FOREIGN KEY ("job_version_id") REFERENCES "public"."job_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_skills" ADD CONSTRAINT "job_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_versions" ADD CONSTRAINT "job_versions_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_versions" ADD CONSTRAINT "job_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_jobs" ADD CONSTRAINT "saved_jobs_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_jobs" ADD CONSTRAINT "saved_jobs_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlists" ADD CONSTRAINT "shortlists_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlists" ADD CONSTRAINT "shortlists_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlists" ADD CONSTRAINT "shortlists_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_parent_credential_id_credentials_id_fk" FOREIGN KEY ("parent_credential_id") REFERENCES "public"."credentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_organization_idx" ON "users" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "invitations_email_idx" ON "invitations" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "trusted_issuers_unique" ON "trusted_issuers" USING btree ("organization_id","kind","value");--> statement-breakpoint
CREATE INDEX "candidates_visibility_idx" ON "candidates" USING btree ("visibility");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("processed_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_candidate_idx" ON "audit_log" USING btree ("candidate_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_org_idx" ON "audit_log" USING btree ("actor_organization_id","created_at");--> statement-breakpoint
CREATE INDEX "search_documents_fts_idx" ON "search_documents" USING gin ("fts");--> statement-breakpoint
CREATE INDEX "search_documents_skill_ancestors_idx" ON "search_documents" USING gin ("skill_ancestor_keys");--> statement-breakpoint
CREATE INDEX "search_documents_verified_skill_ancestors_idx" ON "search_documents" USING gin ("verified_skill_ancestor_keys");--> statement-breakpoint
CREATE INDEX "search_documents_availability_idx" ON "search_documents" USING btree ("availability");--> statement-breakpoint
CREATE INDEX "search_documents_issuers_idx" ON "search_documents" USING gin ("issuers");--> statement-breakpoint
CREATE INDEX "search_documents_statuses_idx" ON "search_documents" USING gin ("credential_statuses");--> statement-breakpoint
CREATE INDEX "search_documents_audience_idx" ON "search_documents" USING gin ("audience");--> statement-breakpoint
CREATE INDEX "search_documents_verified_skills_idx" ON "search_documents" USING btree ("verified_skill_count","candidate_id");--> statement-breakpoint
CREATE INDEX "search_documents_updated_idx" ON "search_documents" USING btree ("updated_at","candidate_id");--> statement-breakpoint
CREATE INDEX "search_documents_location_idx" ON "search_documents" USING btree ("location");--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gist ("term" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "occupation_skills_skill_idx" ON "occupation_skills" USING btree ("skill_id");--> statement-breakpoint
CREATE INDEX "occupations_framework_idx" ON "occupations" USING btree ("framework_id");--> statement-breakpoint
CREATE INDEX "occupations_label_trgm_idx" ON "occupations" USING gin (lower("preferred_label") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "skill_broader_broader_idx" ON "skill_broader" USING btree ("broader_id");--> statement-breakpoint
CREATE INDEX "skill_crosswalks_to_idx" ON "skill_crosswalks" USING btree ("to_skill_id");--> statement-breakpoint
CREATE INDEX "skill_labels_key_prefix_idx" ON "skill_labels" USING btree ("label_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "skill_relations_related_idx" ON "skill_relations" USING btree ("related_id");--> statement-breakpoint
CREATE INDEX "skills_framework_idx" ON "skills" USING btree ("framework_id");--> statement-breakpoint
CREATE INDEX "skills_uri_idx" ON "skills" USING btree ("uri");--> statement-breakpoint
CREATE INDEX "skills_label_trgm_idx" ON "skills" USING gin (lower("preferred_label") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "candidate_skill_evidence_candidate_idx" ON "candidate_skill_evidence" USING btree ("candidate_id","skill_id");--> statement-breakpoint
CREATE INDEX "candidate_skill_evidence_credential_idx" ON "candidate_skill_evidence" USING btree ("credential_id");--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_skill_evidence_unique_idx" ON "candidate_skill_evidence" USING btree ("candidate_id",coalesce("credential_id", '00000000-0000-0000-0000-000000000000'::uuid),"skill_id","field");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_candidate_job_idx" ON "applications" USING btree ("candidate_id","job_id");--> statement-breakpoint
CREATE INDEX "applications_job_idx" ON "applications" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "candidate_skill_strengths_posting_idx" ON "candidate_skill_strengths" USING btree ("skill_id","candidate_id","strength","verified_strength","last_evidence_day","last_verified_day");--> statement-breakpoint
CREATE UNIQUE INDEX "job_versions_job_version_idx" ON "job_versions" USING btree ("job_id","version");--> statement-breakpoint
CREATE INDEX "jobs_organization_idx" ON "jobs" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "rate_limit_counters_expires_idx" ON "rate_limit_counters" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_candidate_hash_idx" ON "credentials" USING btree ("candidate_id","content_hash");--> statement-breakpoint
CREATE INDEX "credentials_issuer_idx" ON "credentials" USING btree ("issuer_id");--> statement-breakpoint
CREATE INDEX "credentials_verified_at_idx" ON "credentials" USING btree ("verified_at");