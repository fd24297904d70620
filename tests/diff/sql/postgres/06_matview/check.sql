select region, total from sales_by_region order by region;
