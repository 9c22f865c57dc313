PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_job_schedules` (
	`name` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`payload` text,
	`cadence` text NOT NULL,
	`enabled` integer NOT NULL,
	`next_run_at` text NOT NULL,
	`last_enqueued_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_job_schedules`("name", "queue", "payload", "cadence", "enabled", "next_run_at", "last_enqueued_at", "created_at", "updated_at") SELECT "name", "queue", "payload", "cadence", "enabled", "next_run_at", "last_enqueued_at", "created_at", "updated_at" FROM `job_schedules`;--> statement-breakpoint
DROP TABLE `job_schedules`;--> statement-breakpoint
ALTER TABLE `__new_job_schedules` RENAME TO `job_schedules`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE TABLE `__new_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`payload` text,
	`state` text NOT NULL,
	`idempotency_key` text,
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
INSERT INTO `__new_jobs`("id", "queue", "payload", "state", "idempotency_key", "run_at", "attempts", "max_attempts", "lease_token", "leased_by", "lease_expires_at", "last_error", "result", "created_at", "updated_at", "finished_at") SELECT "id", "queue", "payload", "state", "idempotency_key", "run_at", "attempts", "max_attempts", "lease_token", "leased_by", "lease_expires_at", "last_error", "result", "created_at", "updated_at", "finished_at" FROM `jobs`;--> statement-breakpoint
DROP TABLE `jobs`;--> statement-breakpoint
ALTER TABLE `__new_jobs` RENAME TO `jobs`;--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_queue_idempotency_key_uq` ON `jobs` (`queue`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `jobs_state_run_at_idx` ON `jobs` (`state`,`run_at`);--> statement-breakpoint
CREATE INDEX `jobs_state_lease_idx` ON `jobs` (`state`,`lease_expires_at`);