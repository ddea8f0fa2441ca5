-- Recording a checklist inspection (POST /api/enterprises/{id}/inspections) is the supervisors' check or the
-- enterprise's own, and every failed item becomes a hazard: it needs its own permission, not hazard:report,
-- which grid workers hold for their patrol reports.
insert into role_permission (role_code, permission) values
    ('ADMIN', 'hazard:inspect'), ('BUREAU', 'hazard:inspect'), ('TOWNSHIP', 'hazard:inspect'),
    ('DEPARTMENT', 'hazard:inspect'), ('ENTERPRISE', 'hazard:inspect');
