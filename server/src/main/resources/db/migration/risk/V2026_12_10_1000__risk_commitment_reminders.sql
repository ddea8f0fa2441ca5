-- When an office last reminded an enterprise to make its daily commitment: the same office may remind the
-- same enterprise again only after a while (30 minutes), so a double click or an impatient supervisor does
-- not flood the enterprise's inbox and phones. The office is the department, or the region for an account
-- without one.
create table commitment_reminder (
    office        varchar(64) not null,
    enterprise_id bigint      not null references enterprise (id),
    reminded_at   timestamp with time zone not null,
    reminded_by   varchar(64) not null,
    primary key (office, enterprise_id)
);
