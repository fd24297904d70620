select add_tax(10);
