select 'item', id, library_id, title from item union all select 'note', id, item_id, body || '/' || size from note order by 1, 2;
