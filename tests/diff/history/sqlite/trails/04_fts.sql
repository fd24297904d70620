CREATE VIRTUAL TABLE IF NOT EXISTS `TrailFts` USING FTS4(`name` TEXT NOT NULL, `region` TEXT, content=`Trail`);
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_TrailFts_BEFORE_UPDATE BEFORE UPDATE ON `Trail` BEGIN DELETE FROM `TrailFts` WHERE `docid`=OLD.`rowid`; END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_TrailFts_BEFORE_DELETE BEFORE DELETE ON `Trail` BEGIN DELETE FROM `TrailFts` WHERE `docid`=OLD.`rowid`; END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_TrailFts_AFTER_UPDATE AFTER UPDATE ON `Trail` BEGIN INSERT INTO `TrailFts`(`docid`, `name`, `region`) VALUES (NEW.`rowid`, NEW.`name`, NEW.`region`); END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_TrailFts_AFTER_INSERT AFTER INSERT ON `Trail` BEGIN INSERT INTO `TrailFts`(`docid`, `name`, `region`) VALUES (NEW.`rowid`, NEW.`name`, NEW.`region`); END;
