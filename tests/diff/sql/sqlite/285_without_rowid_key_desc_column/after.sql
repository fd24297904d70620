create table contribution (version_id integer primary key desc, document_id integer, written_at text) without rowid;
create table revision (page text, rev integer, body blob, primary key (page, rev desc)) without rowid;
