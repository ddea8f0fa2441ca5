-- CAP identifiers are unique per sender (CAP 1.2 §3.2.1: "unique for this sender"), not across senders:
-- two weather services may both send an alert "2026-001". The key of a message is (sender, identifier).
-- The column is re-created because its inline unique constraint has no portable name (PostgreSQL and H2).
alter table warning add column cap_identifier varchar(128);
update warning set cap_identifier = identifier;
alter table warning alter column cap_identifier set not null;
drop index warning_sender_idx;
alter table warning drop column identifier;
alter table warning rename column cap_identifier to identifier;
alter table warning add constraint warning_sender_identifier_key unique (sender, identifier);
create index warning_identifier_idx on warning (identifier);

-- CAP 1.2 sets no length for its texts: what we receive is stored whole (what we draft keeps its limits).
alter table warning alter column restriction set data type varchar;
alter table warning alter column addresses set data type varchar;
alter table warning alter column note set data type varchar;
alter table warning alter column reference_list set data type varchar;
alter table warning alter column event_name set data type varchar;
alter table warning alter column headline set data type varchar;
alter table warning alter column description set data type varchar;
alter table warning alter column instruction set data type varchar;
alter table warning alter column sender_name set data type varchar;
alter table warning alter column web set data type varchar;
alter table warning alter column contact set data type varchar;
alter table warning_area alter column area_desc set data type varchar;
