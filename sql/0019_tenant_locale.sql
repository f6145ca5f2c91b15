-- A tenant's default locale: the language and formats its dashboard users see unless they choose
-- their own (issue 16). It sits with the branding in tenant_settings, so that a tenant admin's
-- `tenant settings --locale` is tenant data written under the tenant's own row-level security,
-- and a tenant that never set anything speaks English. Which locales exist is the application's
-- list (`geniai tenant settings --help`); the check only keeps the column a BCP 47 language tag,
-- so that adding a translation needs no migration.
ALTER TABLE tenant_settings
    ADD COLUMN locale text NOT NULL DEFAULT 'en' CHECK (locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$');
