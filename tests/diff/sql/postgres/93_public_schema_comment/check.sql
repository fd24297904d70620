select obj_description('public'::regnamespace, 'pg_namespace');
