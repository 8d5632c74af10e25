ALTER TABLE "organizations" ADD COLUMN "created_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "company_contacts" ADD COLUMN "created_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "company_contacts" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "ip_rights" ADD COLUMN "created_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "ip_rights" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "outcomes" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "confidential_notes" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_contacts" ADD CONSTRAINT "company_contacts_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_rights" ADD CONSTRAINT "ip_rights_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_created_by_user_id_idempotency_key_index" ON "organizations" USING btree ("created_by_user_id","idempotency_key") WHERE "organizations"."idempotency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "company_contacts_created_by_user_id_idempotency_key_index" ON "company_contacts" USING btree ("created_by_user_id","idempotency_key") WHERE "company_contacts"."idempotency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "ip_rights_created_by_user_id_idempotency_key_index" ON "ip_rights" USING btree ("created_by_user_id","idempotency_key") WHERE "ip_rights"."idempotency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "outcomes_recorded_by_user_id_idempotency_key_index" ON "outcomes" USING btree ("recorded_by_user_id","idempotency_key") WHERE "outcomes"."idempotency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "confidential_notes_author_user_id_idempotency_key_index" ON "confidential_notes" USING btree ("author_user_id","idempotency_key") WHERE "confidential_notes"."idempotency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "consents_recorded_by_user_id_idempotency_key_index" ON "consents" USING btree ("recorded_by_user_id","idempotency_key") WHERE "consents"."idempotency_key" is not null;