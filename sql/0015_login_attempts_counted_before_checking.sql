-- geniai schema, migration 15: a login attempt is counted before its password is checked.
--
-- The limits used to be read before the (slow) password check and the failure written after it,
-- so a burst of simultaneous guesses all found the counters at zero and every guess was checked:
-- 100 wrong passwords and the right one, sent at once, logged in. Now each attempt first takes
-- advisory locks on its IP and its email (transaction-scoped, so concurrent attempts are counted
-- one after another whichever `geniai serve` process receives them), counts the recent rows of
-- `login_failures` for both, and inserts its own row, presumed to fail, in that transaction. An
-- attempt over a limit is refused there and never checked; a success deletes its row.
--
-- `password_checked` tells the two kinds of failure apart: an over-limit attempt costs no
-- password hash. Earlier rows were all checked, hence the default.
ALTER TABLE login_failures ADD COLUMN password_checked boolean NOT NULL DEFAULT true;

-- The per-account limit counts the recent failures of one email, whether or not an account has
-- it, so that being refused early does not tell which emails exist.
CREATE INDEX login_failures_email_at_idx ON login_failures (email, at);

-- An account's count restarts when its lock ends: rows from before the lock was set no longer
-- count once `locked_until` has passed (nor rows from before its last login or password change).
ALTER TABLE users ADD COLUMN locked_at timestamptz;
