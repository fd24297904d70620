ALTER TABLE `Trail` ADD COLUMN `difficulty` INTEGER NOT NULL DEFAULT 0;
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, '71c0de');
