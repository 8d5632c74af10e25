CREATE INDEX "cases_code_series_number" ON "cases" USING btree ((substring("code" from '^(.*)-[0-9]+$')),((substring("code" from '-([0-9]+)$'))::int));--> statement-breakpoint
CREATE INDEX "referrals_code_series_number" ON "referrals" USING btree ((substring("code" from '^(.*)-[0-9]+$')),((substring("code" from '-([0-9]+)$'))::int));
