-- tide:down
x
-- tide:up
y
