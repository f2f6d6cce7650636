CREATE TABLE public.no_pk (n int, label text);
CREATE TABLE public.composite (tenant text, line int, note text, PRIMARY KEY (line, tenant));
CREATE SCHEMA "MixedCase";
CREATE TABLE "MixedCase"."Weird Table" ("ID" int PRIMARY KEY, "Value Col" text);
CREATE SCHEMA "Zoë";
CREATE TABLE "Zoë"."Ünïcødé 表" ("键" text PRIMARY KEY, "名前" text);
CREATE TABLE public.measurements (id int, region text, reading numeric, PRIMARY KEY (id, region))
  PARTITION BY LIST (region);
CREATE TABLE public.measurements_eu PARTITION OF public.measurements FOR VALUES IN ('eu');
CREATE TABLE public.measurements_us PARTITION OF public.measurements FOR VALUES IN ('us');
