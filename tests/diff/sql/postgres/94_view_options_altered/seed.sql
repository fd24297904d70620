grant select on shipment_heavy to public;
grant select on shipment_by_region to public;
