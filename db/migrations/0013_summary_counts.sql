CREATE TABLE "case_stage_counts" (
	"prefecture_code" smallint NOT NULL,
	"stage" "case_stage" NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "case_stage_counts_prefecture_code_stage_pk" PRIMARY KEY("prefecture_code","stage")
);
--> statement-breakpoint
CREATE TABLE "case_theme_counts" (
	"prefecture_code" smallint NOT NULL,
	"theme_key" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "case_theme_counts_prefecture_code_theme_key_pk" PRIMARY KEY("prefecture_code","theme_key")
);
--> statement-breakpoint
CREATE TABLE "referral_counts" (
	"from_org_id" uuid NOT NULL,
	"to_org_id" uuid,
	"status" "referral_status" NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "referral_counts_key" UNIQUE NULLS NOT DISTINCT("from_org_id","to_org_id","status")
);
--> statement-breakpoint
CREATE INDEX "referral_counts_to_org_id_index" ON "referral_counts" USING btree ("to_org_id");