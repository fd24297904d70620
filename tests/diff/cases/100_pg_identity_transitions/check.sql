select k, p_a, p_bd, p_s, a_bd, a_s, bd_s from ledger order by k;
