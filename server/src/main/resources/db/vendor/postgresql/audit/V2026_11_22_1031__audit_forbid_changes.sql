-- Nobody edits history: the database itself refuses UPDATE and DELETE on the audit trail.
create function audit_event_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end;
$$;
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_immutable();
create index audit_event_region_prefix_idx on audit_event (region_code varchar_pattern_ops);
