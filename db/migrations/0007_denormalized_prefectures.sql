CREATE TABLE "company_support_years" (
	"fiscal_year" smallint NOT NULL,
	"company_id" uuid NOT NULL,
	"prefecture_code" smallint NOT NULL,
	"first_activity_at" timestamp with time zone NOT NULL,
	CONSTRAINT "company_support_years_fiscal_year_company_id_pk" PRIMARY KEY("fiscal_year","company_id")
);
--> statement-breakpoint
DROP INDEX "activities_company_id_index";--> statement-breakpoint
ALTER TABLE "case_themes" ADD COLUMN "prefecture_code" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "prefecture_code" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "prefecture_code" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "company_support_years" ADD CONSTRAINT "company_support_years_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "company_support_years_fiscal_year_prefecture_code_first_activity_at_index" ON "company_support_years" USING btree ("fiscal_year","prefecture_code","first_activity_at");--> statement-breakpoint
CREATE INDEX "case_themes_prefecture_code_theme_key_index" ON "case_themes" USING btree ("prefecture_code","theme_key");--> statement-breakpoint
CREATE INDEX "cases_prefecture_code_stage_index" ON "cases" USING btree ("prefecture_code","stage");--> statement-breakpoint
CREATE INDEX "cases_opened_on_index" ON "cases" USING btree ("opened_on");--> statement-breakpoint
CREATE INDEX "activities_company_id_occurred_at_index" ON "activities" USING btree ("company_id","occurred_at");--> statement-breakpoint
CREATE INDEX "activities_prefecture_code_occurred_at_index" ON "activities" USING btree ("prefecture_code","occurred_at");--> statement-breakpoint
CREATE INDEX "referrals_from_org_id_to_org_id_index" ON "referrals" USING btree ("from_org_id","to_org_id");--> statement-breakpoint
CREATE INDEX "referrals_to_org_id_from_org_id_index" ON "referrals" USING btree ("to_org_id","from_org_id");--> statement-breakpoint
CREATE INDEX "referrals_awaiting_answer_by" ON "referrals" USING btree ("respond_by") WHERE "referrals"."status" = 'sent';--> statement-breakpoint
CREATE INDEX "referrals_sent_at_index" ON "referrals" USING btree ("sent_at");