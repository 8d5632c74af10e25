DROP INDEX "referrals_company_id_index";--> statement-breakpoint
CREATE INDEX "referrals_company_id_sent_at_id_index" ON "referrals" USING btree ("company_id","sent_at","id");