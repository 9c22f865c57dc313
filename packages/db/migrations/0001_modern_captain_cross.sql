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
ALTER TABLE `accounts` ADD `offline_partner_id` text REFERENCES partners(id);--> statement-breakpoint
CREATE INDEX `accounts_offline_partner_idx` ON `accounts` (`offline_partner_id`);