select k, v from kv order by k;
