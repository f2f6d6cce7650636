CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE TABLE public.ext_types (id int PRIMARY KEY, c_citext citext, c_hstore hstore, c_citext_array citext[]);
