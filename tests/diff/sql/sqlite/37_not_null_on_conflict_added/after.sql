create table note (id integer primary key, title text not null on conflict replace default 'untitled', body text);
