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
CREATE INDEX `partner_referrals_org_idx` ON `partner_referrals` (`org_id`,`account_id`);