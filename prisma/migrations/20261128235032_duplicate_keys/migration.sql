-- 并单 candidates by MinHash keys (src/cases/duplicate-keys.ts) instead of trigrams: the trigram
-- index's scan read the posting lists of every common trigram (2.7 ms at 15,560 cases, growing with
-- every case ever filed) and the planner preferred reading the department's open complaints and
-- computing similarity() for each (108 ms at 10,333). Keys are written when a complaint is filed
-- and, for complaints filed before this version, by the workers when they start (NULL = not yet).

-- DropIndex
DROP INDEX "Case_text_trgm_idx";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "dupKeys" INTEGER[];

-- CreateIndex. Without the pending list (fastupdate): every search reads that list whole, and at
-- hundreds of filings a second it was most of Postgres's time (perf: ginCompareEntries, btint4cmp).
CREATE INDEX "Case_dupKeys_idx" ON "Case" USING GIN ("dupKeys") WITH (fastupdate = off);

-- The look-alikes of a set of keys, read through that index. The planner may not choose it on its
-- own: its estimate for && over 32 keys makes reading the whole table look cheaper, which is the
-- cost that grows with every case filed. A function with its own setting reads the index always.
-- (No semicolon may appear inside the body or these comments: the migration engine splits at each.)
CREATE FUNCTION "case_look_alikes"("keys" INTEGER[]) RETURNS SETOF "Case" LANGUAGE sql STABLE
  SET enable_seqscan = off
  AS $$ SELECT * FROM "Case" WHERE "dupKeys" && "keys" $$;
