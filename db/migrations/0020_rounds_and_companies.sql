CREATE TABLE `round_interests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`programme_id` text NOT NULL,
	`left_at` text NOT NULL,
	`notified_at` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `round_interests_waiting` ON `round_interests` (`programme_id`,`notified_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `round_interests_participant` ON `round_interests` (`participant_id`,`programme_id`);--> statement-breakpoint
ALTER TABLE `applications` ADD `round` text;--> statement-breakpoint
ALTER TABLE `mentors` ADD `company` text;