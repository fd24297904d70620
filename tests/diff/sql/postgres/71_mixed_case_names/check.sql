select "Id", "Note" from "Order" order by 1;
