CREATE TABLE `account_list_versions` (
	`org_id` text NOT NULL,
	`list_key` text NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`org_id`, `list_key`),
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `match_corrections` (
	`id` text PRIMARY KEY NOT NULL,
	`partnership_id` text,
	`offline_partner_id` text,
	`author_org_id` text NOT NULL,
	`author_user_id` text,
	`decision` text NOT NULL,
	`left` text NOT NULL,
	`right` text NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`offline_partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "match_corrections_one_scope_ck" CHECK(("match_corrections"."partnership_id" is null) <> ("match_corrections"."offline_partner_id" is null))
);
--> statement-breakpoint
CREATE INDEX `match_corrections_partnership_idx` ON `match_corrections` (`partnership_id`);--> statement-breakpoint
CREATE INDEX `match_corrections_offline_partner_idx` ON `match_corrections` (`offline_partner_id`);--> statement-breakpoint
CREATE INDEX `accounts_org_updated_idx` ON `accounts` (`org_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `opportunities_org_updated_idx` ON `opportunities` (`org_id`,`updated_at`);