-- One sequence for every receipt number the portal issues, so numbers never repeat.
CREATE SEQUENCE receipt_number_seq MINVALUE 1 MAXVALUE 99999999 NO CYCLE;
GRANT USAGE ON SEQUENCE receipt_number_seq TO {{app_role}};
