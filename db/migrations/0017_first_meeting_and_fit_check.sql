CREATE TABLE `first_meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pair_id` integer NOT NULL,
	`proposed_by` integer NOT NULL,
	`day` text NOT NULL,
	`time` text NOT NULL,
	`place` text,
	`status` text NOT NULL,
	`proposed_at` text NOT NULL,
	`agreed_at` text,
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposed_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `first_meetings_pair` ON `first_meetings` (`pair_id`);--> statement-breakpoint
CREATE TABLE `fit_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pair_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`answer` text NOT NULL,
	`word` text,
	`answered_at` text NOT NULL,
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fit_checks_pair_member` ON `fit_checks` (`pair_id`,`participant_id`);--> statement-breakpoint
ALTER TABLE `pairs` ADD `rematched_at` text;