/**
 * The widget's words per language, from the one table in `src/words.ts`: English is built into
 * embed.js, every other language is a small JSON file served next to it at
 * `/embed/lang/<lang>.json` (build.ts puts both among the assets the API serves), so a reader
 * downloads only the words of the language the widget speaks to them. Both hold the words by their
 * number (`Word`, src/word.ts; a pack as `{"0": …}`, the API's string record), so no key travels; the server's fragment reads them by key (`wordsOf`).
 */
import { Word } from './src/word.js'
import { type Key, LANGUAGES, type Language, WORDS, type WordList, type Words } from './src/words.js'

/** The words of one language by key. */
export function wordsOf(lang: Language): Words {
  const index = LANGUAGES.indexOf(lang)
  const words = {} as Words
  for (const key of Object.keys(WORDS) as Key[]) words[key] = WORDS[key][index] ?? WORDS[key][0]
  return words
}

/** The words of one language as the widget carries them: a list in the order of `Word`. */
export function wordListOf(lang: Language): WordList {
  const words = wordsOf(lang)
  return (Object.keys(WORDS) as Key[]).reduce<string[]>((list, key) => {
    list[Word[key]] = words[key]
    return list
  }, [])
}

/** Every language but English, as JSON text by the path the API serves it at (without the `/`). */
export const languagePacks = (): Record<string, string> =>
  Object.fromEntries(
    LANGUAGES.filter((lang) => lang !== 'en').map((lang) => [
      `embed/lang/${lang}.json`,
      JSON.stringify({ ...wordListOf(lang) }),
    ]),
  )
