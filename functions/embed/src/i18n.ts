/// <reference path="./globals.d.ts" />
import { type Key, LANGUAGES, type Language, type Words } from './words.js'

/** The language to speak: `data-lang` if we speak it, else the browser's first one we speak, else English. */
export function pickLanguage(wanted: string | undefined, browser: readonly string[]): Language {
  for (const tag of [wanted, ...browser]) {
    const base = tag?.toLowerCase().split('-')[0]
    const found = LANGUAGES.find((lang) => lang === base)
    if (found) return found
  }
  return 'en'
}

export type Translate = (key: Key, value?: string | number) => string

/** `t('count', 3)` → "3 comments"; plural keys end in `1` for the singular. */
export const translator =
  (words: Words): Translate =>
  (key, value) =>
    words[key].replace('#', String(value ?? ''))

/** `plural('count', n)`: `t` with the key's singular (`count1`) when `lang` calls `n` one, else the key. */
export const pluralizer =
  (t: Translate, lang: string) =>
  (key: 'count' | 'replies' | 'likes', n: number): string =>
    t(new Intl.PluralRules(lang).select(n) === 'one' ? (`${key}1` as Key) : key, n)

/**
 * The words of `lang`: English is in embed.js; any other language is fetched from the API next to
 * it (`/embed/lang/<lang>.json`, cached like embed.js). English, and `lang` 'en', if that fails.
 */
export async function loadWords(api: string, lang: Language): Promise<{ lang: Language; words: Words }> {
  if (lang !== 'en') {
    try {
      const res = await fetch(`${api}/embed/lang/${lang}.json`, { credentials: 'omit' })
      // English beneath, so a key the pack lacks still has words.
      if (res.ok) return { lang, words: { ...PARLEY_WORDS, ...((await res.json()) as Partial<Words>) } }
    } catch {
      // Offline or refused: English it is.
    }
  }
  return { lang: 'en', words: PARLEY_WORDS }
}
