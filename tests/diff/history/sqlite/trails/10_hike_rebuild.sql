-- durationMin becomes NOT NULL with a default: Room rebuilds the table
CREATE TABLE IF NOT EXISTS `_new_Hike` (`hikeId` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `trailId` INTEGER NOT NULL, `startedAt` INTEGER NOT NULL, `durationMin` INTEGER NOT NULL DEFAULT 0, `notes` TEXT, `weather` TEXT, FOREIGN KEY(`trailId`) REFERENCES `Trail`(`id`) ON UPDATE NO ACTION ON DELETE CASCADE );
INSERT INTO `_new_Hike` (`hikeId`,`trailId`,`startedAt`,`durationMin`,`notes`) SELECT `hikeId`,`trailId`,`startedAt`,coalesce(`durationMin`, 0),`notes` FROM `Hike`;
DROP VIEW `TrailStats`;
DROP TABLE `Hike`;
ALTER TABLE `_new_Hike` RENAME TO `Hike`;
CREATE INDEX IF NOT EXISTS `index_Hike_trailId` ON `Hike` (`trailId`);
CREATE VIEW `TrailStats` AS SELECT t.id AS trailId, t.name AS name, COUNT(h.hikeId) AS hikes, AVG(h.durationMin) AS avgMin FROM Trail t LEFT JOIN Hike h ON h.trailId = t.id GROUP BY t.id;
