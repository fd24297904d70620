ALTER TABLE `Trail` ADD COLUMN `favourite` INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS `index_Trail_favourite` ON `Trail` (`favourite`);
