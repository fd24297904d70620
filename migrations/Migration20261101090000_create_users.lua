-- The first table of the example shop.
return {
  up = function(m)
    m:addSql [[
      create table users (
        id integer primary key,
        full_name varchar(200) not null,
        email varchar(255) not null unique
      )
    ]]
  end,

  down = function(m)
    m:addSql [[drop table users]]
  end,
}
