local t = {}
for i = 1, 10 do t["k" .. i] = i end
return t
