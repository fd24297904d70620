select version_id, document_id, written_at from contribution order by version_id;
select page, rev, body from revision order by page, rev;
