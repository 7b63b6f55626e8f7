-- Settings for a PostgreSQL database that FerretDB v1 (postgresql handler)
-- serves openkarir from. Run it once, as a superuser, in that database
-- (.ci/ferretdb-pg does; an operator runs it with psql before the first
-- start of FerretDB, or later and then restarts FerretDB, whose open
-- connections keep the plan cache setting they started with).
--
-- Why: FerretDB turns a filter {_id: x} into  _jsonb->$1 @> $2  with
-- $1 = '_id'. Its own unique _id index is a btree on (_jsonb->'_id'), which
-- cannot serve @>: every find by _id, and every update and delete by _id
-- (they select first), read the whole table (7.1 ms at 5,000 documents,
-- growing with the table). A GIN index on (_jsonb->'_id') jsonb_path_ops
-- serves @> (0.05 ms at 20,000 documents). Two details decide whether it is
-- used and fast:
--  - fastupdate = off. With GIN's default pending list, new entries are kept
--    in a list every lookup reads through until a vacuum merges them: after
--    20,000 inserts a lookup took 1.3-1.7 ms instead of 0.05.
--  - plan_cache_mode = force_custom_plan. FerretDB prepares its statements
--    (pgx's statement cache), and after five runs PostgreSQL may keep a
--    generic plan of one, which does not know $1 = '_id' and cannot use
--    the index: a sequential scan (26 ms at 20,000 documents), for as long
--    as FerretDB's connection lives. With the default (auto), a statement
--    prepared while the table had no index kept scanning after the index
--    was created; with force_custom_plan every run is planned with its
--    values and used the index at once. Planning costs about 0.1 ms a run.
-- TestFerretDBPostgreSQLFindsByIDWithAnIndex (store/) checks the plans of
-- the store's collections, and the index being used by a statement
-- prepared before it existed (it fails with plan_cache_mode = auto).

SET client_min_messages = warning;

-- Every run is planned with its parameters' values.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET plan_cache_mode = force_custom_plan', current_database());
END
$$;

-- openkarir_index_id gives one FerretDB table its GIN index on _id.
CREATE OR REPLACE FUNCTION openkarir_index_id(tbl regclass) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  rel record;
BEGIN
  SELECT c.relname, n.nspname INTO rel
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.oid = tbl;
  -- FerretDB's own catalogue of each database is not a collection.
  IF rel.relname = '_ferretdb_database_metadata' THEN
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = tbl AND attname = '_jsonb' AND NOT attisdropped) THEN
    RETURN;
  END IF;
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb->''_id'') jsonb_path_ops) WITH (fastupdate = off)',
                 left(rel.relname, 50) || '_openkarir_id', tbl);
END
$$;

-- Tables FerretDB creates from now on get the index in the same transaction.
CREATE OR REPLACE FUNCTION openkarir_index_new_tables() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  cmd record;
BEGIN
  FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE TABLE' AND object_type = 'table'
  LOOP
    PERFORM openkarir_index_id(cmd.objid::regclass);
  END LOOP;
END
$$;

DROP EVENT TRIGGER IF EXISTS openkarir_index_new_tables;
CREATE EVENT TRIGGER openkarir_index_new_tables ON ddl_command_end
  WHEN TAG IN ('CREATE TABLE')
  EXECUTE FUNCTION openkarir_index_new_tables();

-- Tables that exist already.
SELECT openkarir_index_id(c.oid)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%';
