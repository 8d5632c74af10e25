CREATE TYPE "public"."model_region_kind" AS ENUM('prefecture', 'city');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('coordinator', 'manager', 'producer', 'admin');--> statement-breakpoint
CREATE TYPE "public"."contact_method" AS ENUM('email', 'phone', 'visit', 'post', 'any', 'none');--> statement-breakpoint
CREATE TYPE "public"."ip_right_kind" AS ENUM('patent', 'utility_model', 'design', 'trademark', 'plant_variety');--> statement-breakpoint
CREATE TYPE "public"."ip_right_status" AS ENUM('preparing', 'filed', 'examination', 'registered', 'refused', 'abandoned', 'expired');--> statement-breakpoint
CREATE TYPE "public"."team_member_role" AS ENUM('lead', 'member');--> statement-breakpoint
CREATE TYPE "public"."case_stage" AS ENUM('discovery', 'assessment', 'planning', 'accompanying', 'outcome_review', 'closed', 'paused');--> statement-breakpoint
CREATE TYPE "public"."outcome_kind" AS ENUM('ip_filing', 'ip_registration', 'contract', 'license', 'funding', 'other');--> statement-breakpoint
CREATE TYPE "public"."activity_kind" AS ENUM('visit', 'meeting', 'online_meeting', 'call', 'email', 'consultation', 'seminar', 'expert_dispatch', 'other');--> statement-breakpoint
CREATE TYPE "public"."consent_method" AS ENUM('written', 'verbal', 'electronic');--> statement-breakpoint
CREATE TYPE "public"."referral_status" AS ENUM('sent', 'accepted', 'declined', 'in_progress', 'completed', 'withdrawn', 'revoked', 'logged');--> statement-breakpoint
CREATE TYPE "public"."referral_urgency" AS ENUM('normal', 'high', 'urgent');--> statement-breakpoint
CREATE TYPE "public"."kpi_metric" AS ENUM('companies_supported', 'consultations', 'companies_discovered', 'referrals_sent', 'referrals_accepted', 'referrals_completed', 'referral_completion_rate', 'median_days_to_accept', 'ip_filings');--> statement-breakpoint
CREATE TYPE "public"."kpi_scope_kind" AS ENUM('national', 'block', 'model_region', 'team', 'organization');--> statement-breakpoint
CREATE TABLE "model_regions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "model_region_kind" NOT NULL,
	"prefecture_code" smallint NOT NULL,
	"city_name" text,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"first_fiscal_year" integer NOT NULL,
	"last_fiscal_year" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_region_city_has_name" CHECK (("model_regions"."kind" = 'city') = ("model_regions"."city_name" is not null)),
	CONSTRAINT "model_region_span" CHECK ("model_regions"."last_fiscal_year" >= "model_regions"."first_fiscal_year" and "model_regions"."last_fiscal_year" <= "model_regions"."first_fiscal_year" + 2)
);
--> statement-breakpoint
CREATE TABLE "party_kinds" (
	"key" text PRIMARY KEY NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prefectures" (
	"code" smallint PRIMARY KEY NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"block_code" text NOT NULL,
	CONSTRAINT "prefecture_code_range" CHECK ("prefectures"."code" between 1 and 47)
);
--> statement-breakpoint
CREATE TABLE "regional_blocks" (
	"code" text PRIMARY KEY NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"key" text PRIMARY KEY NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text,
	"party_kind_key" text,
	"block_code" text,
	"prefecture_code" smallint,
	"is_system" boolean DEFAULT false NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"name_kana" text,
	"organization_id" uuid NOT NULL,
	"role" "user_role" NOT NULL,
	"password_hash" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"failed_sign_in_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"locale" text DEFAULT 'ja' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"corporate_number" char(13),
	"name" text NOT NULL,
	"name_kana" text,
	"normalized_name" text NOT NULL,
	"prefecture_code" smallint NOT NULL,
	"city" text,
	"address" text,
	"industry" text,
	"employee_count" integer,
	"capital_yen" bigint,
	"website" text,
	"founded_on" date,
	"is_provisional" boolean DEFAULT false NOT NULL,
	"merged_into_id" uuid,
	"created_by_org_id" uuid,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "companies_corporate_number_digits" CHECK ("companies"."corporate_number" ~ '^[0-9]{13}$')
);
--> statement-breakpoint
CREATE TABLE "company_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_kana" text,
	"title" text,
	"is_representative" boolean DEFAULT false NOT NULL,
	"email" text,
	"phone" text,
	"preferred_contact_method" "contact_method" DEFAULT 'any' NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ip_rights" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"kind" "ip_right_kind" NOT NULL,
	"title" text NOT NULL,
	"application_number" text,
	"registration_number" text,
	"status" "ip_right_status" NOT NULL,
	"filed_on" date,
	"registered_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "producer_team_members" (
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "team_member_role" DEFAULT 'member' NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "producer_team_members_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "producer_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"model_region_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"lead_user_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_members" (
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_members_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "case_stage_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"from_stage" "case_stage",
	"to_stage" "case_stage" NOT NULL,
	"reason" text,
	"changed_by_user_id" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_themes" (
	"case_id" uuid NOT NULL,
	"theme_key" text NOT NULL,
	CONSTRAINT "case_themes_case_id_theme_key_pk" PRIMARY KEY("case_id","theme_key")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"company_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"stage" "case_stage" DEFAULT 'discovery' NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"producer_team_id" uuid,
	"lead_user_id" uuid NOT NULL,
	"source" text,
	"opened_on" date NOT NULL,
	"closed_on" date,
	"paused_reason" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"kind" "outcome_kind" NOT NULL,
	"ip_kind" text,
	"application_number" text,
	"registration_number" text,
	"amount_yen" integer,
	"description" text NOT NULL,
	"achieved_on" date NOT NULL,
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" "activity_kind" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer,
	"summary" text NOT NULL,
	"external_participants" text,
	"created_by_user_id" uuid NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_participants" (
	"activity_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "activity_participants_activity_id_user_id_pk" PRIMARY KEY("activity_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "confidential_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "next_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"activity_id" uuid,
	"title" text NOT NULL,
	"assignee_user_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by_user_id" uuid,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"obtained_on" date NOT NULL,
	"method" "consent_method" NOT NULL,
	"scope_basic_profile" boolean DEFAULT true NOT NULL,
	"scope_consultation_summary" boolean DEFAULT false NOT NULL,
	"scope_confidential_notes" boolean DEFAULT false NOT NULL,
	"given_by" text,
	"notes" text,
	"recorded_by_user_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"from_status" "referral_status",
	"to_status" "referral_status" NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"company_id" uuid NOT NULL,
	"case_id" uuid,
	"from_org_id" uuid NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_org_id" uuid,
	"external_recipient" text,
	"follow_up_on" date,
	"service" text NOT NULL,
	"reason" text NOT NULL,
	"urgency" "referral_urgency" DEFAULT 'normal' NOT NULL,
	"handover_notes" text,
	"consent_id" uuid NOT NULL,
	"status" "referral_status" NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"respond_by" date,
	"accepted_at" timestamp with time zone,
	"responded_by_user_id" uuid,
	"declined_at" timestamp with time zone,
	"decline_reason" text,
	"handler_user_id" uuid,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"outcome_feedback" text,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "referral_has_recipient" CHECK (("referrals"."to_org_id" is not null and "referrals"."external_recipient" is null) or ("referrals"."to_org_id" is null and "referrals"."external_recipient" is not null))
);
--> statement-breakpoint
CREATE TABLE "kpi_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year" integer NOT NULL,
	"scope_kind" "kpi_scope_kind" NOT NULL,
	"scope_ref" text DEFAULT '' NOT NULL,
	"metric" "kpi_metric" NOT NULL,
	"target_value" numeric(12, 2) NOT NULL,
	"set_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pdca_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year" integer NOT NULL,
	"quarter" smallint NOT NULL,
	"scope_kind" "kpi_scope_kind" NOT NULL,
	"scope_ref" text DEFAULT '' NOT NULL,
	"revision" integer NOT NULL,
	"plan" text DEFAULT '' NOT NULL,
	"do" text DEFAULT '' NOT NULL,
	"check" text DEFAULT '' NOT NULL,
	"act" text DEFAULT '' NOT NULL,
	"author_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pdca_quarter_range" CHECK ("pdca_notes"."quarter" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "event_attendees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"company_id" uuid,
	"company_name" text NOT NULL,
	"case_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outreach_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"held_on" date NOT NULL,
	"city" text NOT NULL,
	"prefecture_code" smallint NOT NULL,
	"venue" text,
	"organizer_org_id" uuid,
	"attendee_count" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"entity_type" text,
	"entity_id" uuid,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_org_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"meta" jsonb
);
--> statement-breakpoint
ALTER TABLE "model_regions" ADD CONSTRAINT "model_regions_prefecture_code_prefectures_code_fk" FOREIGN KEY ("prefecture_code") REFERENCES "public"."prefectures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prefectures" ADD CONSTRAINT "prefectures_block_code_regional_blocks_code_fk" FOREIGN KEY ("block_code") REFERENCES "public"."regional_blocks"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_party_kind_key_party_kinds_key_fk" FOREIGN KEY ("party_kind_key") REFERENCES "public"."party_kinds"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_block_code_regional_blocks_code_fk" FOREIGN KEY ("block_code") REFERENCES "public"."regional_blocks"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_prefecture_code_prefectures_code_fk" FOREIGN KEY ("prefecture_code") REFERENCES "public"."prefectures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_prefecture_code_prefectures_code_fk" FOREIGN KEY ("prefecture_code") REFERENCES "public"."prefectures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_merged_into_id_companies_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_created_by_org_id_organizations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_contacts" ADD CONSTRAINT "company_contacts_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_rights" ADD CONSTRAINT "ip_rights_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "producer_team_members" ADD CONSTRAINT "producer_team_members_team_id_producer_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."producer_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "producer_team_members" ADD CONSTRAINT "producer_team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "producer_teams" ADD CONSTRAINT "producer_teams_model_region_id_model_regions_id_fk" FOREIGN KEY ("model_region_id") REFERENCES "public"."model_regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "producer_teams" ADD CONSTRAINT "producer_teams_lead_user_id_users_id_fk" FOREIGN KEY ("lead_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "producer_teams" ADD CONSTRAINT "producer_teams_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_stage_changes" ADD CONSTRAINT "case_stage_changes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_stage_changes" ADD CONSTRAINT "case_stage_changes_changed_by_user_id_users_id_fk" FOREIGN KEY ("changed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_themes" ADD CONSTRAINT "case_themes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_themes" ADD CONSTRAINT "case_themes_theme_key_themes_key_fk" FOREIGN KEY ("theme_key") REFERENCES "public"."themes"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_producer_team_id_producer_teams_id_fk" FOREIGN KEY ("producer_team_id") REFERENCES "public"."producer_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_lead_user_id_users_id_fk" FOREIGN KEY ("lead_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_participants" ADD CONSTRAINT "activity_participants_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_participants" ADD CONSTRAINT "activity_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confidential_notes" ADD CONSTRAINT "confidential_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confidential_notes" ADD CONSTRAINT "confidential_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "next_actions" ADD CONSTRAINT "next_actions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "next_actions" ADD CONSTRAINT "next_actions_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "next_actions" ADD CONSTRAINT "next_actions_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "next_actions" ADD CONSTRAINT "next_actions_completed_by_user_id_users_id_fk" FOREIGN KEY ("completed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "next_actions" ADD CONSTRAINT "next_actions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_from_org_id_organizations_id_fk" FOREIGN KEY ("from_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_to_org_id_organizations_id_fk" FOREIGN KEY ("to_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_consent_id_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_responded_by_user_id_users_id_fk" FOREIGN KEY ("responded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_handler_user_id_users_id_fk" FOREIGN KEY ("handler_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_targets" ADD CONSTRAINT "kpi_targets_set_by_user_id_users_id_fk" FOREIGN KEY ("set_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pdca_notes" ADD CONSTRAINT "pdca_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_attendees" ADD CONSTRAINT "event_attendees_event_id_outreach_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."outreach_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_attendees" ADD CONSTRAINT "event_attendees_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_attendees" ADD CONSTRAINT "event_attendees_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_events" ADD CONSTRAINT "outreach_events_prefecture_code_prefectures_code_fk" FOREIGN KEY ("prefecture_code") REFERENCES "public"."prefectures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_events" ADD CONSTRAINT "outreach_events_organizer_org_id_organizations_id_fk" FOREIGN KEY ("organizer_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_regions_prefecture_code_index" ON "model_regions" USING btree ("prefecture_code");--> statement-breakpoint
CREATE INDEX "prefectures_block_code_index" ON "prefectures" USING btree ("block_code");--> statement-breakpoint
CREATE INDEX "organizations_party_kind_key_index" ON "organizations" USING btree ("party_kind_key");--> statement-breakpoint
CREATE INDEX "organizations_block_code_index" ON "organizations" USING btree ("block_code");--> statement-breakpoint
CREATE INDEX "organizations_prefecture_code_index" ON "organizations" USING btree ("prefecture_code");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_organization_id_index" ON "users" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "companies_corporate_number_key" ON "companies" USING btree ("corporate_number") WHERE "companies"."corporate_number" is not null and "companies"."merged_into_id" is null;--> statement-breakpoint
CREATE INDEX "companies_prefecture_code_normalized_name_index" ON "companies" USING btree ("prefecture_code","normalized_name");--> statement-breakpoint
CREATE INDEX "companies_normalized_name_id_index" ON "companies" USING btree ("normalized_name","id");--> statement-breakpoint
CREATE INDEX "company_contacts_company_id_index" ON "company_contacts" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "ip_rights_company_id_index" ON "ip_rights" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "producer_team_members_user_id_index" ON "producer_team_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "producer_teams_model_region_id_fiscal_year_index" ON "producer_teams" USING btree ("model_region_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "producer_teams_lead_user_id_index" ON "producer_teams" USING btree ("lead_user_id");--> statement-breakpoint
CREATE INDEX "producer_teams_organization_id_index" ON "producer_teams" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "case_members_user_id_index" ON "case_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "case_stage_changes_case_id_changed_at_index" ON "case_stage_changes" USING btree ("case_id","changed_at");--> statement-breakpoint
CREATE INDEX "case_themes_theme_key_index" ON "case_themes" USING btree ("theme_key");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_code_index" ON "cases" USING btree ("code");--> statement-breakpoint
CREATE INDEX "cases_owner_org_id_stage_updated_at_id_index" ON "cases" USING btree ("owner_org_id","stage","updated_at","id");--> statement-breakpoint
CREATE INDEX "cases_company_id_index" ON "cases" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "cases_producer_team_id_index" ON "cases" USING btree ("producer_team_id");--> statement-breakpoint
CREATE INDEX "cases_lead_user_id_index" ON "cases" USING btree ("lead_user_id");--> statement-breakpoint
CREATE INDEX "cases_stage_index" ON "cases" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "outcomes_case_id_index" ON "outcomes" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "outcomes_company_id_index" ON "outcomes" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "outcomes_kind_achieved_on_index" ON "outcomes" USING btree ("kind","achieved_on");--> statement-breakpoint
CREATE INDEX "activities_case_id_occurred_at_index" ON "activities" USING btree ("case_id","occurred_at");--> statement-breakpoint
CREATE INDEX "activities_organization_id_occurred_at_index" ON "activities" USING btree ("organization_id","occurred_at");--> statement-breakpoint
CREATE INDEX "activities_company_id_index" ON "activities" USING btree ("company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activities_created_by_user_id_idempotency_key_index" ON "activities" USING btree ("created_by_user_id","idempotency_key") WHERE "activities"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "activity_participants_user_id_index" ON "activity_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "confidential_notes_case_id_created_at_index" ON "confidential_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "next_actions_open_by_assignee" ON "next_actions" USING btree ("assignee_user_id","due_on") WHERE "next_actions"."completed_at" is null;--> statement-breakpoint
CREATE INDEX "next_actions_case_id_index" ON "next_actions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "consents_company_id_index" ON "consents" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "referral_events_referral_id_at_index" ON "referral_events" USING btree ("referral_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_code_index" ON "referrals" USING btree ("code");--> statement-breakpoint
CREATE INDEX "referrals_to_org_id_status_sent_at_id_index" ON "referrals" USING btree ("to_org_id","status","sent_at","id");--> statement-breakpoint
CREATE INDEX "referrals_from_org_id_status_sent_at_id_index" ON "referrals" USING btree ("from_org_id","status","sent_at","id");--> statement-breakpoint
CREATE INDEX "referrals_company_id_index" ON "referrals" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "referrals_case_id_index" ON "referrals" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_from_user_id_idempotency_key_index" ON "referrals" USING btree ("from_user_id","idempotency_key") WHERE "referrals"."idempotency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_targets_fiscal_year_scope_kind_scope_ref_metric_index" ON "kpi_targets" USING btree ("fiscal_year","scope_kind","scope_ref","metric");--> statement-breakpoint
CREATE UNIQUE INDEX "pdca_notes_fiscal_year_scope_kind_scope_ref_quarter_revision_index" ON "pdca_notes" USING btree ("fiscal_year","scope_kind","scope_ref","quarter","revision");--> statement-breakpoint
CREATE INDEX "pdca_notes_scope_kind_scope_ref_index" ON "pdca_notes" USING btree ("scope_kind","scope_ref");--> statement-breakpoint
CREATE INDEX "event_attendees_event_id_index" ON "event_attendees" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_attendees_company_id_index" ON "event_attendees" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "outreach_events_held_on_index" ON "outreach_events" USING btree ("held_on");--> statement-breakpoint
CREATE INDEX "outreach_events_prefecture_code_index" ON "outreach_events" USING btree ("prefecture_code");--> statement-breakpoint
CREATE INDEX "notifications_user_id_created_at_index" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "audit_log_entity_type_entity_id_at_index" ON "audit_log" USING btree ("entity_type","entity_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_user_id_at_index" ON "audit_log" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_org_id_at_index" ON "audit_log" USING btree ("actor_org_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_index" ON "audit_log" USING btree ("at");