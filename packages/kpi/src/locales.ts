/** The languages of the interface, messages and notifications. */
export const LOCALES = ["en", "ru", "kk"] as const;
/** One language. */
export type Locale = (typeof LOCALES)[number];
