CREATE TABLE `outcomes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` text NOT NULL,
	`respondent_id` text NOT NULL,
	`timepoint` text NOT NULL,
	`status` text NOT NULL,
	`job_uses_education` text,
	`permanent` integer,
	`full_time` integer,
	`contribution` integer,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outcomes_respondent_timepoint` ON `outcomes` (`respondent_id`,`timepoint`);--> statement-breakpoint
CREATE TABLE `survey_invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`survey_id` text NOT NULL,
	`timepoint` text NOT NULL,
	`pair_id` integer NOT NULL,
	`sent_at` text NOT NULL,
	`reminded_at` text,
	`answered_at` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_invitations_once` ON `survey_invitations` (`participant_id`,`survey_id`,`timepoint`,`pair_id`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` text NOT NULL,
	`respondent_id` text NOT NULL,
	`participant_id` integer,
	`survey_id` text NOT NULL,
	`timepoint` text NOT NULL,
	`role` text NOT NULL,
	`answers` text NOT NULL,
	`answered_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `survey_responses_survey` ON `survey_responses` (`survey_id`,`timepoint`);--> statement-breakpoint
CREATE INDEX `survey_responses_respondent` ON `survey_responses` (`respondent_id`);--> statement-breakpoint
ALTER TABLE `participants` ADD `respondent_id` text;