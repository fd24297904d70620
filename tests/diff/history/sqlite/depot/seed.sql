INSERT INTO crew (id, name) VALUES ('c1', 'North'), ('c2', 'South');
INSERT INTO item (id, name, crew_id) VALUES ('i1', 'drill', 'c1'), ('i2', 'saw', 'c1'), ('i3', 'rope', 'c2');
INSERT INTO item (id, name, crew_id, parent_id) VALUES ('i4', 'bit', 'c1', 'i1');
INSERT INTO label (id, name, crew_id) VALUES ('l1', 'Tools', 'c1');
INSERT INTO label_item (label_id, item_id) VALUES ('l1', 'i1'), ('l1', 'i2');
