-- Who had to make the daily commitment on each day, as it stood that day, so a past day's list is
-- the list of that day and not today's.
create table commitment_roll (
    roll_day      date        not null,
    enterprise_id bigint      not null references enterprise (id),
    region_code   varchar(12) not null,
    industry      varchar(32) not null,
    primary key (roll_day, enterprise_id)
);
