CREATE INDEX `outbox_waiting` ON `outbox` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `participants_last_active` ON `participants` (`last_active_at`);