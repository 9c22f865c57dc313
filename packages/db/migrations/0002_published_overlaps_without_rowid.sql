-- Written by hand: drizzle-kit cannot declare WITHOUT ROWID. The announced-overlaps snapshot is only ever
-- reached through its primary key, so storing the rows in that key's b-tree halves the pages each
-- announced change writes (a rowid table keeps the key in a second b-tree).
CREATE TABLE `__new_published_overlaps` (
	`org_id` text NOT NULL,
	`scope_key` text NOT NULL,
	`mine_account_id` text NOT NULL,
	`partner_account_id` text NOT NULL,
	`mine_populations` text NOT NULL,
	`partner_populations` text NOT NULL,
	`published_at` text NOT NULL,
	PRIMARY KEY(`org_id`, `scope_key`, `mine_account_id`, `partner_account_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_published_overlaps` SELECT `org_id`, `scope_key`, `mine_account_id`, `partner_account_id`, `mine_populations`, `partner_populations`, `published_at` FROM `published_overlaps`;
--> statement-breakpoint
DROP TABLE `published_overlaps`;
--> statement-breakpoint
ALTER TABLE `__new_published_overlaps` RENAME TO `published_overlaps`;
