CREATE TABLE `desk_links` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`coordinator_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`coordinator_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `desk_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`coordinator_id` integer NOT NULL,
	`csrf` text NOT NULL,
	`flash` text,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`coordinator_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `desk_sessions_coordinator` ON `desk_sessions` (`coordinator_id`);