/**
 * What the project knows about one department before a district has any history: its duties as a
 * district publishes them (职责), the everyday words citizens use for its matters, example messages
 * and short problem phrases that `seed-corpus.ts` combines into more. All written by the Minsheng
 * team in citizens' style; none of it is copied or paraphrased from any data set.
 */
export type SeedDepartment = {
  /** Department code (prisma/seed-data.ts). */
  code: string;
  duties: string;
  /** Space-separated words. */
  words: string;
  /** [title, body]; most have no title, as a Telegram message has none. */
  messages: [title: string, body: string][];
  /** Short statements of a typical problem, combined with openers, places and pleas. */
  phrases: string[];
};
