select relname from pg_class where relname like 'shipment%' and relacl is not null order by relname;
