-- A user's own dashboard language (issue 16), overriding the tenant's default (0019). NULL means
-- "follow the tenant" (for a platform admin, who has no tenant: follow the browser), so that a
-- tenant switching its default moves every user who never chose. Users are platform data, read
-- when the session is resolved, before any tenant is known; the same tag check as 0019 keeps the
-- column a BCP 47 language tag, and which locales exist stays the application's list.
ALTER TABLE users
    ADD COLUMN locale text CHECK (locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$');
