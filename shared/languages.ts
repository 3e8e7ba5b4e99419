/** The languages Parley speaks: the widget's words and the mails it sends, in this order. */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'ja'] as const
export type Language = (typeof LANGUAGES)[number]
