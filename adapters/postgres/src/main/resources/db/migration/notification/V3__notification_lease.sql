-- The dispatcher that holds a pending message: a fresh token per claim. While it is set,
-- next_attempt_at is when the lease ends; sending and marking require holding it, so two
-- notification replicas never both finish the same message.
ALTER TABLE notifications ADD COLUMN lease_owner uuid;
