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
	`content_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `accounts_domain_idx` ON `accounts` (`domain`,`org_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_org_source_source_id_uq` ON `accounts` (`org_id`,`source`,`source_id`);--> statement-breakpoint
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
CREATE INDEX `users_org_idx` ON `users` (`org_id`);