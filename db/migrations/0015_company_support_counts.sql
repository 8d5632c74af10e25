CREATE TABLE "company_support_counts" (
	"fiscal_year" smallint NOT NULL,
	"prefecture_code" smallint NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "company_support_counts_fiscal_year_prefecture_code_pk" PRIMARY KEY("fiscal_year","prefecture_code")
);
--> statement-breakpoint
CREATE INDEX "company_support_years_fiscal_year_first_activity_at_index" ON "company_support_years" USING btree ("fiscal_year","first_activity_at");
