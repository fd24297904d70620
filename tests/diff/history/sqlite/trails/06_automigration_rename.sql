-- a Room AutoMigration renaming region to area: the new-table dance
CREATE TABLE IF NOT EXISTS `_new_Trail` (`id` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `name` TEXT NOT NULL, `lengthKm` REAL NOT NULL, `area` TEXT, `difficulty` INTEGER NOT NULL DEFAULT 0);
INSERT INTO `_new_Trail` (`id`,`name`,`lengthKm`,`area`,`difficulty`) SELECT `id`,`name`,`lengthKm`,`region`,`difficulty` FROM `Trail`;
DROP TABLE `Trail`;
ALTER TABLE `_new_Trail` RENAME TO `Trail`;
CREATE INDEX IF NOT EXISTS `index_Trail_name` ON `Trail` (`name`);
DROP TABLE `TrailFts`;
CREATE VIRTUAL TABLE IF NOT EXISTS `TrailFts` USING FTS4(`name` TEXT NOT NULL, `area` TEXT, content=`Trail`);
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_TrailFts_BEFORE_UPDATE BEFORE UPDATE ON `Trail` BEGIN DELETE FROM `TrailFts` WHERE `docid`=OLD.`rowid`; END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_TrailFts_BEFORE_DELETE BEFORE DELETE ON `Trail` BEGIN DELETE FROM `TrailFts` WHERE `docid`=OLD.`rowid`; END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_TrailFts_AFTER_UPDATE AFTER UPDATE ON `Trail` BEGIN INSERT INTO `TrailFts`(`docid`, `name`, `area`) VALUES (NEW.`rowid`, NEW.`name`, NEW.`area`); END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_TrailFts_AFTER_INSERT AFTER INSERT ON `Trail` BEGIN INSERT INTO `TrailFts`(`docid`, `name`, `area`) VALUES (NEW.`rowid`, NEW.`name`, NEW.`area`); END;
PRAGMA foreign_key_check(`Trail`);
