-- A campaign whose message no longer holds (the warning was cancelled, updated or expired): no more
-- re-notification rounds, and tasks not yet sent are cancelled.
alter table delivery_campaign add column closed_at timestamp with time zone;
