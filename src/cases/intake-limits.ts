/**
 * What an intake accepts, whatever the channel (the citizen bot, the web form, Open311): one source
 * for the bounds the bot's forms and the channels' validation both check.
 */

/** A complaint's description, counted as people see it (min) and in UTF-16 units (max). */
export const TEXT_MIN = 10;
export const TEXT_MAX = 2000;
export const LOCATION_MAX = 200;
/** Longest answer to a one-line question (a name, a phone, an address). */
export const LINE_MAX = 200;
/** Longest free text a form takes (facts, the information wanted): Telegram's own 4,096 less room for a header. */
export const LONG_TEXT_MAX = 4000;
/** What a mediation applicant asks for: short enough that the card and the summary keep room for the facts. */
export const REQUEST_MAX = 1000;
/** Mainland mobile numbers: 11 digits starting with 1, second digit 3-9. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** A phone number as people type it ("138 0013-8000") in the form it is checked and stored. */
export const normalizePhone = (s: string): string => s.replace(/[\s-]/g, "");
