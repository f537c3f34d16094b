CREATE TABLE `mentors` (
	`participant_id` integer PRIMARY KEY NOT NULL,
	`answers` text NOT NULL,
	`capacity` integer NOT NULL,
	`registered_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pairs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` text NOT NULL,
	`mentee_id` integer NOT NULL,
	`mentor_id` integer NOT NULL,
	`status` text NOT NULL,
	`mentee_decision` text,
	`mentor_decision` text,
	`decline_reason` text,
	`end_reason` text,
	`proposed_by` integer,
	`proposed_at` text NOT NULL,
	`activated_at` text,
	`ends_on` text,
	`ended_at` text,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mentee_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`mentor_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposed_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `pairs_mentee` ON `pairs` (`mentee_id`);--> statement-breakpoint
CREATE INDEX `pairs_mentor` ON `pairs` (`mentor_id`);--> statement-breakpoint
CREATE INDEX `pairs_status` ON `pairs` (`status`);--> statement-breakpoint
ALTER TABLE `participants` ADD `name` text;