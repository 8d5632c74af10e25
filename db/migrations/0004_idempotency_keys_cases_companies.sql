ALTER TABLE "companies" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "companies_created_by_user_id_idempotency_key_index" ON "companies" USING btree ("created_by_user_id","idempotency_key") WHERE "companies"."idempotency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "cases_created_by_user_id_idempotency_key_index" ON "cases" USING btree ("created_by_user_id","idempotency_key") WHERE "cases"."idempotency_key" is not null;