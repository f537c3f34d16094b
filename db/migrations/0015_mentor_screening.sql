ALTER TABLE `mentors` ADD `screening` text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE `mentors` ADD `paused_until` text;--> statement-breakpoint
ALTER TABLE `mentors` ADD `capacity_before_pause` integer;--> statement-breakpoint
-- Mentors in the bank before screening existed count as approved.
UPDATE `mentors` SET `screening` = 'approved';
