DROP TABLE `SearchHistory`;
ALTER TABLE `Photo` DROP COLUMN `caption`;
CREATE INDEX `index_Hike_userId` ON `Hike` (`userId`) WHERE `userId` IS NOT NULL;
