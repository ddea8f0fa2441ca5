-- The deadline the hazard's people were last reminded of, so each deadline is reminded once.
alter table hazard add column reminded_deadline date;
