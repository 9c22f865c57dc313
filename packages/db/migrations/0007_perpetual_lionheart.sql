ALTER TABLE `job_schedules` ADD `concurrency_key` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `concurrency_key` text;--> statement-breakpoint
CREATE INDEX `jobs_concurrency_key_state_idx` ON `jobs` (`concurrency_key`,`state`);