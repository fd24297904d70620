create table doc (id integer primary key, title text not null, body text, lang text);
create index doc_title_idx on doc (title);
create index doc_lang_idx on doc (lang);
comment on index doc_lang_idx is 'by language';
