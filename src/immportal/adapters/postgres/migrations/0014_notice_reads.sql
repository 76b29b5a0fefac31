-- When each person first opened each notice: the inbox's read marks and unread count.
-- Not an event: reading a notice changes nothing about the case, and the record is
-- per account, so a representative's reading leaves the applicant's notice unread.
CREATE TABLE notice_reads (
    account_id uuid NOT NULL,
    notice_id uuid NOT NULL,
    read_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, notice_id)
);

GRANT SELECT, INSERT ON notice_reads TO {{app_role}};
