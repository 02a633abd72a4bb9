CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('candidate', 'recruiter', 'hiring_manager', 'org_admin');--> statement-breakpoint
CREATE TYPE "public"."trusted_issuer_kind" AS ENUM('did', 'issuer_id', 'domain');--> statement-breakpoint
CREATE TYPE "public"."availability" AS ENUM('immediately', 'within_month', 'within_quarter', 'not_looking');--> statement-breakpoint
CREATE TYPE "public"."visibility" AS ENUM('public', 'applied_only', 'hidden');--> statement-breakpoint
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
	"skill_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"skill_ancestor_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"verified_skill_ancestor_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"issuers" text[] DEFAULT '{}'::text[] NOT NULL,
	"credential_statuses" text[] DEFAULT '{}'::text[] NOT NULL,
	"verified_skill_count" integer DEFAULT 0 NOT NULL,
	"verified_credential_count" integer DEFAULT 0 NOT NULL,
	"unverified_credential_count" integer DEFAULT 0 NOT NULL,
	"skills_text" text DEFAULT '' NOT NULL,
	"achievements_text" text DEFAULT '' NOT NULL,
	"issuers_text" text DEFAULT '' NOT NULL,
	"fts" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce(skills_text, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce(achievements_text, '')), 'B') || setweight(to_tsvector('simple'::regconfig, coalesce(display_name, '')), 'C') || setweight(to_tsvector('simple'::regconfig, coalesce(issuers_text, '')), 'C') || setweight(to_tsvector('simple'::regconfig, coalesce(location, '')), 'D')) STORED NOT NULL,
	"document" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL
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
CREATE INDEX "users_organization_idx" ON "users" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "invitations_email_idx" ON "invitations" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "trusted_issuers_unique" ON "trusted_issuers" USING btree ("organization_id","kind","value");--> statement-breakpoint
CREATE INDEX "candidates_visibility_idx" ON "candidates" USING btree ("visibility");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("processed_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_candidate_idx" ON "audit_log" USING btree ("candidate_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_org_idx" ON "audit_log" USING btree ("actor_organization_id","created_at");--> statement-breakpoint
CREATE INDEX "search_documents_fts_idx" ON "search_documents" USING gin ("fts");--> statement-breakpoint
CREATE INDEX "search_documents_skill_ancestors_idx" ON "search_documents" USING gin ("skill_ancestor_ids");--> statement-breakpoint
CREATE INDEX "search_documents_verified_skill_ancestors_idx" ON "search_documents" USING gin ("verified_skill_ancestor_ids");--> statement-breakpoint
CREATE INDEX "search_documents_issuers_idx" ON "search_documents" USING gin ("issuers");--> statement-breakpoint
CREATE INDEX "search_documents_statuses_idx" ON "search_documents" USING gin ("credential_statuses");--> statement-breakpoint
CREATE INDEX "search_documents_applied_orgs_idx" ON "search_documents" USING gin ("applied_organization_ids");--> statement-breakpoint
CREATE INDEX "search_documents_verified_skills_idx" ON "search_documents" USING btree ("verified_skill_count","candidate_id");--> statement-breakpoint
CREATE INDEX "search_documents_updated_idx" ON "search_documents" USING btree ("updated_at","candidate_id");--> statement-breakpoint
CREATE INDEX "search_documents_location_idx" ON "search_documents" USING btree ("location");--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gist ("term" gist_trgm_ops);