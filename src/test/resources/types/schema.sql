CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy ☺');
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE DOMAIN short_text AS text CHECK (length(VALUE) < 20);
CREATE DOMAIN tiny_posint AS posint CHECK (VALUE < 100);
CREATE TYPE pair AS (label text, amount numeric);
CREATE TABLE public.all_types (
  id int PRIMARY KEY,
  c_bool bool, c_int2 int2, c_int4 int4, c_int8 int8, c_oid oid,
  c_float4 float4, c_float8 float8, c_numeric numeric, c_numeric_scaled numeric(12,4), c_money money,
  c_text text, c_varchar varchar(12), c_char char(5), c_name name, c_qchar "char", c_uuid uuid,
  c_json json, c_jsonb jsonb, c_xml xml, c_bytea bytea,
  c_date date, c_time time, c_timetz timetz, c_ts timestamp, c_tstz timestamptz, c_ts0 timestamp(0),
  c_interval interval,
  c_inet inet, c_cidr cidr, c_macaddr macaddr, c_macaddr8 macaddr8,
  c_bit bit(4), c_varbit varbit,
  c_tsvector tsvector, c_tsquery tsquery,
  c_point point, c_line line, c_lseg lseg, c_box box, c_path path, c_polygon polygon, c_circle circle,
  c_int4range int4range, c_tstzrange tstzrange, c_numrange numrange, c_multirange int4multirange,
  c_enum mood, c_posint posint, c_short_text short_text, c_tiny tiny_posint, c_pair pair,
  c_int_array int[], c_int_matrix int[][], c_text_array text[], c_tstz_array timestamptz[],
  c_jsonb_array jsonb[], c_numeric_array numeric[], c_float_array float8[], c_bool_array bool[],
  c_uuid_array uuid[], c_interval_array interval[], c_bytea_array bytea[], c_date_array date[],
  c_enum_array mood[], c_posint_array posint[], c_point_array point[], c_pair_array pair[]
);
