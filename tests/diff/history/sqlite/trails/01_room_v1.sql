-- Trails 1 (an Android app on Room: the SQL Room generates, as it runs it)
CREATE TABLE IF NOT EXISTS `Trail` (`id` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `name` TEXT NOT NULL, `lengthKm` REAL NOT NULL, `region` TEXT);
CREATE INDEX IF NOT EXISTS `index_Trail_name` ON `Trail` (`name`);
CREATE TABLE IF NOT EXISTS room_master_table (id INTEGER PRIMARY KEY,identity_hash TEXT);
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, '6a1b0c');
