-- City and district bureaus manage the accounts of their own region (their townships' staff, grid
-- workers and enterprise safety managers).
insert into role_permission (role_code, permission) values ('BUREAU', 'user:manage');
