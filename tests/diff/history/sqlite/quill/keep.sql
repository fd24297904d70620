SELECT 'writer', id, handle, is_admin, typeof(is_admin), coalesce(avatar_id, '-') FROM writer ORDER BY id;
SELECT 'post', id, writer_id, slug, published FROM post ORDER BY id;
