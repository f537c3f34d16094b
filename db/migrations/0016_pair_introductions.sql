CREATE TABLE `pair_introductions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pair_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`share_contact` integer NOT NULL,
	`answered_at` text NOT NULL,
	`withdrawn_at` text,
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pair_introductions_member` ON `pair_introductions` (`pair_id`,`participant_id`);--> statement-breakpoint
ALTER TABLE `channel_identities` ADD `handle` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `pair_id` integer REFERENCES pairs(id);