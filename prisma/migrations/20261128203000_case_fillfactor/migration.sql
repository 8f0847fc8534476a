-- Half of each page of "Case" is left free (issue 8). A case is filed and then, within
-- milliseconds, classified: with full pages (fillfactor 100) the new row version lands on another
-- page and every one of the table's ten indexes — the trigram GIN index on the text among them —
-- gets a new entry. With room on the page and no indexed column changed, the update is HOT (heap
-- only): no index is touched. Measured on the bench's cases (avg. 670 bytes a row), batches of 20
-- filed then classified: 27 of 3,000 classify updates were HOT at fillfactor 100, 1,104 at 80,
-- all at 50. A classify-like update of 1,000 rows took 120 ms at 100 and 31 ms at 80.
-- Prisma does not model storage parameters: the schema and `db:migration -- check` are unchanged.
-- Existing pages keep their rows, new pages are filled to half.
ALTER TABLE "Case" SET (fillfactor = 50);
