-- Housekeeping (`immportal maintenance purge`, the maintenance worker) deletes link tokens
-- some time after they expired or were used, with the email changes they stood for. A live
-- token is never deleted: the purge's condition is on expires_at and used_at.
GRANT DELETE ON account_tokens, email_changes TO {{app_role}};
