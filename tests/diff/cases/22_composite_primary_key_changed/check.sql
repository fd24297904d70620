select shop, sku, day, qty from stock order by shop, sku;
