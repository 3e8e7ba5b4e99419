/// <reference path="./globals.d.ts" />
import type { Word } from './word.js'
import { LANGUAGES, type Language, type WordList } from './words.js'

/** The language to speak: `data-lang` if we speak it, else the browser's first one we speak, else English. */
export function pickLanguage(wanted: string | undefined, browser: readonly string[]): Language {
  for (const tag of [wanted, ...browser]) {
    const base = tag?.toLowerCase().split('-')[0]
    const found = LANGUAGES.find((lang) => lang === base)
    if (found) return found
  }
  return 'en'
}

export type Translate = (word: Word, value?: string | number) => string

/** `t(Word.count, 3)` → "3 comments". */
export const translator =
  (words: WordList): Translate =>
  (word, value) =>
    (words[word] ?? '').replace('#', String(value ?? ''))

/** `plural(Word.count, n)`: `t` with the singular (`count1`, the word before) when `lang` calls `n` one. */
export const pluralizer =
  (t: Translate, lang: string) =>
  (word: Word.count | Word.replies | Word.likes, n: number): string =>
    t(new Intl.PluralRules(lang).select(n) === 'one' ? word - 1 : word, n)

/**
 * The words of `lang`: English is in embed.js; any other language is fetched from the API next to
 * it (`/embed/lang/<lang>.json`, cached like embed.js). English, and `lang` 'en', if that fails.
 */
export async function loadWords(api: string, lang: Language): Promise<{ lang: Language; words: WordList }> {
  if (lang !== 'en') {
    try {
      const res = await fetch(`${api}/embed/lang/${lang}.json`, { credentials: 'omit' })
      // A pack lists the words by their number (`{"0": "Kommentare", …}`); English beneath, so a
      // word the pack lacks still has words.
      const pack = res.ok ? ((await res.json()) as Record<number, unknown>) : undefined
      if (pack)
        return { lang, words: PARLEY_WORDS.map((en, i) => (typeof pack[i] === 'string' ? pack[i] : en)) }
    } catch {
      // Offline or refused: English it is.
    }
  }
  return { lang: 'en', words: PARLEY_WORDS }
}
