SELECT 'trail', `id`, `name` FROM `Trail` ORDER BY `id`;
