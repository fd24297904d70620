select l.id, p.name, l.qty from line l join product p on p.shop = l.shop and p.sku = l.sku order by l.id;
