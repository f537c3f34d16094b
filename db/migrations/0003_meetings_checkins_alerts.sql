CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` text NOT NULL,
	`kind` text NOT NULL,
	`priority` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`pair_id` integer,
	`participant_id` integer,
	`details` text NOT NULL,
	`status` text NOT NULL,
	`opened_at` text NOT NULL,
	`snoozed_until` text,
	`resolved_at` text,
	`resolved_by` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`resolved_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_dedupe_key` ON `alerts` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `alerts_status` ON `alerts` (`status`,`kind`);--> statement-breakpoint
CREATE TABLE `checkins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pair_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`round` integer NOT NULL,
	`sent_at` text NOT NULL,
	`reminded_at` text,
	`answered_at` text,
	`answers` text,
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkins_pair_member_round` ON `checkins` (`pair_id`,`participant_id`,`round`);--> statement-breakpoint
CREATE INDEX `checkins_participant` ON `checkins` (`participant_id`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pair_id` integer NOT NULL,
	`logged_by` integer,
	`met_on` text NOT NULL,
	`mode` text NOT NULL,
	`topics` text NOT NULL,
	`logged_at` text NOT NULL,
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`logged_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `meetings_pair` ON `meetings` (`pair_id`,`met_on`);--> statement-breakpoint
ALTER TABLE `pairs` ADD `resumed_at` text;--> statement-breakpoint
ALTER TABLE `pairs` ADD `nudged_for` text;--> statement-breakpoint
ALTER TABLE `pairs` ADD `nudged_at` text;--> statement-breakpoint
CREATE INDEX `channel_identities_participant` ON `channel_identities` (`participant_id`);--> statement-breakpoint
CREATE INDEX `outbox_participant` ON `outbox` (`participant_id`,`status`,`id`);