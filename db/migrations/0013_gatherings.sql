CREATE TABLE `gathering_invites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`gathering_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`invited_at` text,
	`answer` text,
	`answered_at` text,
	`came_at` text,
	`came_by` text,
	FOREIGN KEY (`gathering_id`) REFERENCES `gatherings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gathering_invites_person` ON `gathering_invites` (`gathering_id`,`participant_id`);--> statement-breakpoint
CREATE INDEX `gathering_invites_participant` ON `gathering_invites` (`participant_id`);--> statement-breakpoint
CREATE TABLE `gatherings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`place` text NOT NULL,
	`audience` text NOT NULL,
	`capacity` integer,
	`show_count` integer DEFAULT false NOT NULL,
	`code` text NOT NULL,
	`status` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `gatherings_programme_start` ON `gatherings` (`programme_id`,`starts_at`);