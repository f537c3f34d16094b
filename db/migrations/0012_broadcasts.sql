CREATE TABLE `broadcasts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` text NOT NULL,
	`created_by` integer,
	`segment` text NOT NULL,
	`language` text NOT NULL,
	`texts` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`confirmed_at` text,
	`recipients` integer,
	`skipped_unreachable` integer,
	`skipped_no_news` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `broadcasts_programme` ON `broadcasts` (`programme_id`,`status`);--> statement-breakpoint
ALTER TABLE `participants` ADD `news_off` integer DEFAULT false NOT NULL;