ALTER TABLE `outbox` ADD `platform_message_id` text;--> statement-breakpoint
CREATE INDEX `outbox_platform_message` ON `outbox` (`channel`,`platform_message_id`);