SELECT 'item', id, name, crew_id, coalesce(parent_id, '-') FROM item ORDER BY id;
SELECT 'label_item', label_id, item_id FROM label_item ORDER BY label_id, item_id;
