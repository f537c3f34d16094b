CREATE TABLE `pair_nudges` (
	`pair_id` integer PRIMARY KEY NOT NULL,
	`nudged_for` text NOT NULL,
	`nudged_at` text NOT NULL,
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `pair_nudges` (`pair_id`, `nudged_for`, `nudged_at`) SELECT `id`, `nudged_for`, `nudged_at` FROM `pairs` WHERE `nudged_for` IS NOT NULL AND `nudged_at` IS NOT NULL;--> statement-breakpoint
ALTER TABLE `pairs` DROP COLUMN `nudged_for`;--> statement-breakpoint
ALTER TABLE `pairs` DROP COLUMN `nudged_at`;