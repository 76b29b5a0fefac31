-- Two roles log in, neither a superuser (run once, on the first start of an empty volume):
--   immportal_owner  owns the database and every table; only `immportal migrate` logs in as it.
--   immportal_web    what web and workers log in as: NOINHERIT and a member of immportal_app
--                    only, so it holds no privilege until it becomes immportal_app, and can
--                    never become the owner (which may UPDATE or DELETE events).
-- immportal_app may insert and read events, never update or delete them (the migrations
-- grant that); it and the analysts' role are made here so the owner needs no CREATEROLE.
-- The passwords are for a local stack only.
CREATE ROLE immportal_app NOLOGIN;
CREATE ROLE immportal_analyst NOLOGIN;
CREATE ROLE immportal_owner LOGIN PASSWORD 'owner-local-stack-only';
CREATE ROLE immportal_web LOGIN NOINHERIT PASSWORD 'web-local-stack-only' IN ROLE immportal_app;
-- `immportal appointments generate` runs in the migration job and acts as the app role.
GRANT immportal_app TO immportal_owner;
CREATE DATABASE immportal OWNER immportal_owner;
