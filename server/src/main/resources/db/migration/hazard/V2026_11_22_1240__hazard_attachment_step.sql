-- The step (history entry) an attachment is the evidence of; null until a step names it.
alter table hazard_attachment add column event_id bigint references hazard_event (id);
