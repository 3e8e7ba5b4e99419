import type { WordList } from './words.js'

declare global {
  /** The widget's stylesheet (style.css), minified and inlined by build.ts. */
  const PARLEY_CSS: string
  /** The English words (words.ts), inlined by build.ts; other languages are fetched (i18n.ts). */
  const PARLEY_WORDS: WordList
}
