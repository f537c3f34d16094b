CREATE TABLE `goal_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`goal_id` integer NOT NULL,
	`by_id` integer,
	`change` text NOT NULL,
	`before` text,
	`reason` text,
	`at` text NOT NULL,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `goals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mentee_id` integer NOT NULL,
	`kind` text NOT NULL,
	`goal_type` text,
	`text` text NOT NULL,
	`target_month` text,
	`status` text NOT NULL,
	`proposed_by` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`mentee_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposed_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `goals_mentee` ON `goals` (`mentee_id`);--> statement-breakpoint
ALTER TABLE `pairs` ADD `kickoff_mentee` text;--> statement-breakpoint
ALTER TABLE `pairs` ADD `kickoff_mentor` text;