-- One-shot before migrations (the `db-roles` service): the apps' role, which owns nothing.
-- Idempotent, so an existing volume gets it too; `spm migrate` then grants it its rows.
\getenv app_pw APP_DB_PASSWORD
select 'create role spm_app' where not exists (select from pg_roles where rolname = 'spm_app') \gexec
alter role spm_app with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls
  noinherit password :'app_pw';
revoke create on schema public from public;
revoke all on database spm from public;
grant connect on database spm to spm_app;
