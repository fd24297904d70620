CREATE TABLE IF NOT EXISTS `Photo` (`uri` TEXT NOT NULL, `hikeId` INTEGER NOT NULL, `takenAt` INTEGER NOT NULL, `lat` REAL, `lon` REAL, PRIMARY KEY(`uri`), FOREIGN KEY(`hikeId`) REFERENCES `Hike`(`hikeId`) ON UPDATE NO ACTION ON DELETE CASCADE );
CREATE INDEX IF NOT EXISTS `index_Photo_hikeId_takenAt` ON `Photo` (`hikeId`, `takenAt`);
