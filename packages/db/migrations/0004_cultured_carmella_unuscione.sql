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
