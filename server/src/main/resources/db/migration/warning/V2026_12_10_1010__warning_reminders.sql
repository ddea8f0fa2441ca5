-- When an office last reminded the recipients of a warning who have not acknowledged it (提醒未确认人员):
-- the same office may do so again only after a while (30 minutes), so a double click or an impatient duty
-- officer does not send everyone a second text at once.
create table warning_reminder (
    warning_id  bigint      not null,
    office      varchar(64) not null,
    reminded_at timestamp with time zone not null,
    reminded_by varchar(64) not null,
    primary key (warning_id, office)
);
