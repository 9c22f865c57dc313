CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`name` text NOT NULL,
	`website` text,
	`domain` text,
	`country` text,
	`state` text,
	`city` text,
	`phone` text,
	`parent_source_id` text,
	`status` text,
	`owner_email` text,
	`icp_score` real,
	`tier` text,
	`custom` text,
	`offline_partner_id` text,
	`content_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`offline_partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `accounts_domain_idx` ON `accounts` (`domain`,`org_id`);--> statement-breakpoint
CREATE INDEX `accounts_offline_partner_idx` ON `accounts` (`offline_partner_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_org_source_source_id_uq` ON `accounts` (`org_id`,`source`,`source_id`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_tokenHash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_org_idx` ON `api_tokens` (`org_id`);--> statement-breakpoint
CREATE TABLE `attribution_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`opportunity_id` text NOT NULL,
	`credits` text NOT NULL,
	`reason` text NOT NULL,
	`by` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attribution_overrides_org_idx` ON `attribution_overrides` (`org_id`,`opportunity_id`);--> statement-breakpoint
CREATE TABLE `attribution_review_items` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`opportunity_id` text NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`partner_ids` text NOT NULL,
	`message` text NOT NULL,
	`status` text NOT NULL,
	`resolution` text,
	`resolved_by` text,
	`resolved_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attribution_review_items_key_uq` ON `attribution_review_items` (`org_id`,`key`);--> statement-breakpoint
CREATE INDEX `attribution_review_items_status_idx` ON `attribution_review_items` (`org_id`,`status`);--> statement-breakpoint
CREATE TABLE `cosell_settings` (
	`org_id` text PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `disclosure_events` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_org_id` text NOT NULL,
	`viewer_org_id` text NOT NULL,
	`partnership_id` text,
	`viewer_user_id` text,
	`channel` text NOT NULL,
	`population_ids` text NOT NULL,
	`record_count` integer NOT NULL,
	`occurred_at` text NOT NULL,
	FOREIGN KEY (`owner_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`viewer_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `disclosure_events_owner_idx` ON `disclosure_events` (`owner_org_id`,`viewer_org_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `disclosure_records` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`account_id` text NOT NULL,
	`fields` text NOT NULL,
	`population_ids` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `disclosure_events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `disclosure_records_event_idx` ON `disclosure_records` (`event_id`);--> statement-breakpoint
CREATE INDEX `disclosure_records_account_idx` ON `disclosure_records` (`account_id`);--> statement-breakpoint
CREATE TABLE `domain_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`org_id` text NOT NULL,
	`type` text NOT NULL,
	`partner_org_id` text,
	`partnership_id` text,
	`payload` text NOT NULL,
	`occurred_at` text NOT NULL,
	`dispatched_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `domain_events_id_unique` ON `domain_events` (`id`);--> statement-breakpoint
CREATE INDEX `domain_events_dispatched_idx` ON `domain_events` (`dispatched_at`,`seq`);--> statement-breakpoint
CREATE INDEX `domain_events_org_idx` ON `domain_events` (`org_id`,`seq`);--> statement-breakpoint
CREATE TABLE `exchange_rates` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`currency` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`rate` real NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exchange_rates_period_uq` ON `exchange_rates` (`org_id`,`currency`,`valid_from`,`valid_to`);--> statement-breakpoint
CREATE TABLE `import_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`source` text NOT NULL,
	`file` text,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`rows_read` integer DEFAULT 0 NOT NULL,
	`imported` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`problems` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_runs_org_idx` ON `import_runs` (`org_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `influencing_partner_tags` (
	`opportunity_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`partner_name` text NOT NULL,
	`partner_type` text,
	`partner_manager` text,
	`assigned_at` text NOT NULL,
	`notes` text NOT NULL,
	`origin` text NOT NULL,
	`evidence_count` integer NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `influencing_partner_tags_org_idx` ON `influencing_partner_tags` (`org_id`);--> statement-breakpoint
CREATE TABLE `job_schedules` (
	`name` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`payload` text,
	`concurrency_key` text,
	`cadence` text NOT NULL,
	`enabled` integer NOT NULL,
	`next_run_at` text NOT NULL,
	`last_enqueued_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`payload` text,
	`state` text NOT NULL,
	`idempotency_key` text,
	`concurrency_key` text,
	`run_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer NOT NULL,
	`lease_token` text,
	`leased_by` text,
	`lease_expires_at` text,
	`last_error` text,
	`result` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_queue_idempotency_key_uq` ON `jobs` (`queue`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `jobs_state_run_at_idx` ON `jobs` (`state`,`run_at`);--> statement-breakpoint
CREATE INDEX `jobs_state_lease_idx` ON `jobs` (`state`,`lease_expires_at`);--> statement-breakpoint
CREATE INDEX `jobs_concurrency_key_state_idx` ON `jobs` (`concurrency_key`,`state`);--> statement-breakpoint
CREATE TABLE `manual_partner_tags` (
	`opportunity_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`assigned_at` text NOT NULL,
	`notes` text,
	`by` text NOT NULL,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `manual_partner_tags_org_idx` ON `manual_partner_tags` (`org_id`);--> statement-breakpoint
CREATE TABLE `opportunities` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`account_source_id` text NOT NULL,
	`account_id` text,
	`name` text NOT NULL,
	`stage` text NOT NULL,
	`amount` real,
	`currency` text,
	`source_created_at` text,
	`close_date` text,
	`is_closed` integer NOT NULL,
	`is_won` integer NOT NULL,
	`owner_email` text,
	`partner_id` text,
	`lead_source` text,
	`content_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `opportunities_account_idx` ON `opportunities` (`account_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `opportunities_org_source_source_id_uq` ON `opportunities` (`org_id`,`source`,`source_id`);--> statement-breakpoint
CREATE TABLE `opportunity_attributions` (
	`opportunity_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`account_id` text NOT NULL,
	`state` text NOT NULL,
	`opportunity_created_at` text,
	`close_date` text,
	`amount_minor` integer,
	`amount_currency` text,
	`converted_minor` integer,
	`converted_currency` text,
	`origin` text NOT NULL,
	`flagged` integer NOT NULL,
	`credits` text NOT NULL,
	`evidence` text NOT NULL,
	`flags` text NOT NULL,
	`override` text,
	`computed_at` text NOT NULL,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `opportunity_attributions_org_idx` ON `opportunity_attributions` (`org_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `overlaps` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`partnership_id` text,
	`offline_partner_id` text,
	`mine_account_id` text NOT NULL,
	`partner_account_id` text NOT NULL,
	`relation` text NOT NULL,
	`confidence` real NOT NULL,
	`evidence` text NOT NULL,
	`mine_populations` text NOT NULL,
	`partner_populations` text NOT NULL,
	`computed_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`offline_partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`mine_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "overlaps_one_scope_ck" CHECK(("overlaps"."partnership_id" is null) <> ("overlaps"."offline_partner_id" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `overlaps_partnership_pair_uq` ON `overlaps` (`partnership_id`,`mine_account_id`,`partner_account_id`) WHERE "overlaps"."partnership_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `overlaps_offline_pair_uq` ON `overlaps` (`offline_partner_id`,`mine_account_id`,`partner_account_id`) WHERE "overlaps"."offline_partner_id" is not null;--> statement-breakpoint
CREATE INDEX `overlaps_org_idx` ON `overlaps` (`org_id`);--> statement-breakpoint
CREATE INDEX `overlaps_mine_account_idx` ON `overlaps` (`mine_account_id`);--> statement-breakpoint
CREATE TABLE `partner_engagements` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`account_id` text NOT NULL,
	`opportunity_id` text,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`note` text,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `partner_engagements_org_idx` ON `partner_engagements` (`org_id`,`account_id`);--> statement-breakpoint
CREATE TABLE `partner_opportunity_notices` (
	`opportunity_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_notified` integer NOT NULL,
	`won_notified` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `partner_overlap_periods` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`account_id` text NOT NULL,
	`partner_population` text NOT NULL,
	`from` text NOT NULL,
	`to` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_overlap_periods_open_uq` ON `partner_overlap_periods` (`org_id`,`partner_id`,`account_id`,`partner_population`) WHERE "partner_overlap_periods"."to" is null;--> statement-breakpoint
CREATE INDEX `partner_overlap_periods_org_idx` ON `partner_overlap_periods` (`org_id`);--> statement-breakpoint
CREATE TABLE `partner_profiles` (
	`partner_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`type` text,
	`manager` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `partner_profiles_org_idx` ON `partner_profiles` (`org_id`);--> statement-breakpoint
CREATE TABLE `partner_referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`account_id` text NOT NULL,
	`kind` text NOT NULL,
	`accepted_at` text NOT NULL,
	`note` text,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `partner_referrals_org_idx` ON `partner_referrals` (`org_id`,`account_id`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_org_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`partnership_id` text,
	`partner_org_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`owner_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "partners_kind_ck" CHECK(("partners"."kind" = 'org' and "partners"."partnership_id" is not null and "partners"."partner_org_id" is not null)
        or ("partners"."kind" = 'offline' and "partners"."partnership_id" is null and "partners"."partner_org_id" is null))
);
--> statement-breakpoint
CREATE INDEX `partners_owner_idx` ON `partners` (`owner_org_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `partners_owner_partnership_uq` ON `partners` (`owner_org_id`,`partnership_id`);--> statement-breakpoint
CREATE TABLE `partnerships` (
	`id` text PRIMARY KEY NOT NULL,
	`inviter_org_id` text NOT NULL,
	`invitee_org_id` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`accepted_at` text,
	`ended_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`inviter_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invitee_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "partnerships_distinct_orgs_ck" CHECK("partnerships"."inviter_org_id" <> "partnerships"."invitee_org_id")
);
--> statement-breakpoint
CREATE INDEX `partnerships_inviter_idx` ON `partnerships` (`inviter_org_id`);--> statement-breakpoint
CREATE INDEX `partnerships_invitee_idx` ON `partnerships` (`invitee_org_id`);--> statement-breakpoint
CREATE TABLE `populations` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`standard_key` text,
	`filter` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `populations_org_name_uq` ON `populations` (`org_id`,`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `populations_org_standard_key_uq` ON `populations` (`org_id`,`standard_key`);--> statement-breakpoint
CREATE TABLE `published_overlaps` (
	`org_id` text NOT NULL,
	`scope_key` text NOT NULL,
	`mine_account_id` text NOT NULL,
	`partner_account_id` text NOT NULL,
	`mine_populations` text NOT NULL,
	`partner_populations` text NOT NULL,
	`published_at` text NOT NULL,
	PRIMARY KEY(`org_id`, `scope_key`, `mine_account_id`, `partner_account_id`)
);
--> statement-breakpoint
CREATE TABLE `sharing_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`population_id` text NOT NULL,
	`partner_org_id` text,
	`level` text NOT NULL,
	`field_allowlist` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`population_id`) REFERENCES `populations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sharing_rules_default_uq` ON `sharing_rules` (`population_id`) WHERE "sharing_rules"."partner_org_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `sharing_rules_partner_uq` ON `sharing_rules` (`population_id`,`partner_org_id`) WHERE "sharing_rules"."partner_org_id" is not null;--> statement-breakpoint
CREATE TABLE `sync_checkpoints` (
	`connection_id` text NOT NULL,
	`stream` text NOT NULL,
	`checkpoint` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`connection_id`, `stream`),
	FOREIGN KEY (`connection_id`) REFERENCES `sync_connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sync_connections` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`provider` text NOT NULL,
	`settings` text NOT NULL,
	`credentials` text,
	`cadence` text,
	`enabled` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_connections_org_name_uq` ON `sync_connections` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`org_id` text NOT NULL,
	`job_id` text,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`phase` text NOT NULL,
	`counts` text NOT NULL,
	`record_errors` text NOT NULL,
	`api_calls` integer DEFAULT 0 NOT NULL,
	`quota` text,
	`error` text,
	`attempts` integer DEFAULT 1 NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`duration_ms` integer,
	FOREIGN KEY (`connection_id`) REFERENCES `sync_connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_runs_job_uq` ON `sync_runs` (`job_id`);--> statement-breakpoint
CREATE INDEX `sync_runs_connection_idx` ON `sync_runs` (`connection_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_org_idx` ON `users` (`org_id`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`subscription_id` text NOT NULL,
	`event_id` text NOT NULL,
	`replay_of` text,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`lease_expires_at` text,
	`last_status` integer,
	`last_error` text,
	`created_at` text NOT NULL,
	`delivered_at` text,
	FOREIGN KEY (`subscription_id`) REFERENCES `webhook_subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_event_subscription_uq` ON `webhook_deliveries` (`event_id`,`subscription_id`) WHERE "webhook_deliveries"."replay_of" is null;--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `webhook_delivery_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`delivery_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`started_at` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`status` integer,
	`error` text,
	`response_snippet` text,
	FOREIGN KEY (`delivery_id`) REFERENCES `webhook_deliveries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_delivery_attempts_delivery_idx` ON `webhook_delivery_attempts` (`delivery_id`,`attempt`);--> statement-breakpoint
CREATE TABLE `webhook_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`url` text NOT NULL,
	`event_types` text NOT NULL,
	`partner_org_id` text,
	`secret` text NOT NULL,
	`enabled` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_subscriptions_org_idx` ON `webhook_subscriptions` (`org_id`);