create table setting (seq integer primary key desc on conflict replace, scope text, name text, value text);
create table pairing (a text, b text, weight real, note text, primary key (a desc, b) on conflict ignore) without rowid;
