create table visit (
  id bigint not null,
  at date not null,
  page text not null
) partition by range (at);
create table visit_2023 partition of visit for values from ('2023-01-01') to ('2024-01-01');
create table visit_2024 partition of visit for values from ('2024-01-01') to ('2025-01-01');
create index visit_2023_page_idx on visit_2023 (page);
create index visit_2024_page_idx on visit_2024 (lower(page));
