DROP INDEX `index_Trail_favourite`;
ALTER TABLE `Photo` ADD COLUMN `caption` TEXT DEFAULT NULL;
