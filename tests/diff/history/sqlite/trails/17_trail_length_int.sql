-- lengthKm becomes an INTEGER (whole kilometres): a rebuild by hand
PRAGMA foreign_keys = OFF;
CREATE TABLE `_new_Trail` (`id` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `name` TEXT NOT NULL, `lengthKm` INTEGER NOT NULL, `area` TEXT, `difficulty` INTEGER NOT NULL DEFAULT 0, `favourite` INTEGER NOT NULL DEFAULT 0);
INSERT INTO `_new_Trail` SELECT `id`, `name`, CAST(round(`lengthKm`) AS INTEGER), `area`, `difficulty`, `favourite` FROM `Trail`;
DROP VIEW `TrailStats`;
DROP TABLE `Trail`;
ALTER TABLE `_new_Trail` RENAME TO `Trail`;
CREATE INDEX IF NOT EXISTS `index_Trail_name` ON `Trail` (`name`);
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_TrailFts_BEFORE_UPDATE BEFORE UPDATE ON `Trail` BEGIN DELETE FROM `TrailFts` WHERE `docid`=OLD.`rowid`; END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_TrailFts_BEFORE_DELETE BEFORE DELETE ON `Trail` BEGIN DELETE FROM `TrailFts` WHERE `docid`=OLD.`rowid`; END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_TrailFts_AFTER_UPDATE AFTER UPDATE ON `Trail` BEGIN INSERT INTO `TrailFts`(`docid`, `name`, `area`) VALUES (NEW.`rowid`, NEW.`name`, NEW.`area`); END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_TrailFts_AFTER_INSERT AFTER INSERT ON `Trail` BEGIN INSERT INTO `TrailFts`(`docid`, `name`, `area`) VALUES (NEW.`rowid`, NEW.`name`, NEW.`area`); END;
CREATE VIEW `TrailStats` AS SELECT t.id AS trailId, t.name AS name, t.area AS area, COUNT(h.hikeId) AS hikes, SUM(h.durationMin) AS totalMin FROM Trail t LEFT JOIN Hike h ON h.trailId = t.id GROUP BY t.id;
PRAGMA foreign_keys = ON;
