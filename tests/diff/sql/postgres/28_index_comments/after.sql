create table doc (id integer primary key, title text not null, body text, lang text);
create index doc_title_idx on doc (title);
comment on index doc_title_idx is 'titles, for the search page';
create index doc_lang_idx on doc (lang);
create index doc_body_idx on doc using hash (body);
comment on index doc_body_idx is 'exact body lookups';
