import { describe, expect, it } from 'vitest'
import { languagePacks, wordListOf, wordsOf } from '../../functions/embed/language-packs.js'
import { pickLanguage, pluralizer, translator } from '../../functions/embed/src/i18n.js'
import { previewHtml } from '../../functions/embed/src/markdown.js'
import { Word } from '../../functions/embed/src/word.js'
import { LANGUAGES, WORDS } from '../../functions/embed/src/words.js'

/** Every tag name in a fragment; the preview may only write these. */
const ALLOWED = new Set(['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'a', 'blockquote', 'ul', 'li'])
const tags = (html: string) => [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]?.toLowerCase())

describe('the preview formatter', () => {
  it('renders the Markdown most comments use', () => {
    expect(previewHtml('Hello **bold** and *em*, `a <b>`, ~~old~~')).toBe(
      '<p>Hello <strong>bold</strong> and <em>em</em>, <code>a &#60;b&#62;</code>, <del>old</del></p>',
    )
    expect(previewHtml('one\ntwo\n\nthree')).toBe('<p>one<br>two</p><p>three</p>')
    expect(previewHtml('> quoted\n> more\n\n- a\n- b')).toBe(
      '<blockquote><p>quoted<br>more</p></blockquote><ul><li>a</li><li>b</li></ul>',
    )
    expect(previewHtml('```\nconst a = 1 < 2\n\nnext\n```\nafter')).toBe(
      '<pre><code>const a = 1 &#60; 2\n\nnext</code></pre><p>after</p>',
    )
    expect(previewHtml('see [the docs](https://example.org/a?b=1&c=2) or https://example.com/x.')).toBe(
      '<p>see <a href="https://example.org/a?b=1&#38;c=2" rel="nofollow ugc noopener noreferrer">the docs</a>' +
        ' or <a href="https://example.com/x" rel="nofollow ugc noopener noreferrer">https://example.com/x</a>.</p>',
    )
  })

  const HOSTILE = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](https://a.example/" onmouseover="alert(1))',
    "[x](https://a.example/'onmouseover=alert(1))",
    'https://a.example/"><script>alert(1)</script>',
    '**<svg/onload=alert(1)>**',
    '`</code><script>alert(1)</script>`',
    '```\n</pre><script>alert(1)</script>\n```',
    '> <iframe src="javascript:alert(1)">',
    '- <a href="javascript:alert(1)">x</a>',
    '[<img src=x onerror=alert(1)>](https://a.example)',
    '*[x](https://a.example)*" onclick="alert(1)',
  ]

  it('writes only its own tags and only http(s) or mailto links, whatever the input', () => {
    for (const input of HOSTILE) {
      const html = previewHtml(input)
      for (const tag of tags(html)) expect(ALLOWED.has(tag ?? ''), `${input} → ${html}`).toBe(true)
      for (const [, href] of html.matchAll(/href="([^"]*)"/g))
        expect(href, input).toMatch(/^(https?:\/\/|mailto:)/)
      // Attributes are only the ones written here: no handler can appear outside a quoted value.
      for (const [tag] of html.replace(/"[^"]*"/g, '""').matchAll(/<[^>]*>/g)) {
        expect(tag, input).toMatch(/^<\/?[a-z]+( href="" rel="")?>$/)
      }
    }
  })
})

describe('the widget’s words', () => {
  it('speaks English, German, French, Spanish, Portuguese and Japanese, each completely', () => {
    expect([...LANGUAGES].sort()).toEqual(['de', 'en', 'es', 'fr', 'ja', 'pt'])
    for (const [key, texts] of Object.entries(WORDS)) {
      expect(texts, key).toHaveLength(LANGUAGES.length)
      texts.forEach((text, i) => {
        expect(text.trim(), `${LANGUAGES[i]}.${key}`).not.toBe('')
        // Placeholders survive translation.
        expect(text.includes('#'), `${LANGUAGES[i]}.${key}`).toBe(texts[0].includes('#'))
      })
    }
  })

  it('picks data-lang, else the browser’s first known language, else English', () => {
    expect(pickLanguage('de', ['fr-FR'])).toBe('de')
    expect(pickLanguage('pt-BR', [])).toBe('pt')
    expect(pickLanguage(undefined, ['nl-NL', 'ja-JP', 'en'])).toBe('ja')
    expect(pickLanguage('xx', ['nl'])).toBe('en')
    expect(translator(wordListOf('fr'))(Word.count, 3)).toBe('3 commentaires')
    expect(translator(wordListOf('ja'))(Word.signedIn, 'Ada')).toBe('Adaとしてログイン中')
    expect(pluralizer(translator(wordListOf('en')), 'en')(Word.count, 1)).toBe('1 comment')
    expect(pluralizer(translator(wordListOf('fr')), 'fr')(Word.likes, 2)).toBe('2 j’aime')
  })

  it('numbers every word, each plural’s singular right before it', () => {
    expect(Object.keys(WORDS).sort()).toEqual(
      Object.keys(Word)
        .filter((key) => Number.isNaN(Number(key)))
        .sort(),
    )
    for (const plural of [Word.count, Word.replies, Word.likes])
      expect(`${Word[plural]}1`).toBe(Word[plural - 1])
  })

  it('ships every language but English as a list of every word, served at /embed/lang/<lang>.json by number', () => {
    const packs = languagePacks()
    expect(Object.keys(packs).sort()).toEqual(
      ['de', 'es', 'fr', 'ja', 'pt'].map((lang) => `embed/lang/${lang}.json`),
    )
    for (const [path, text] of Object.entries(packs)) {
      const lang = path.slice('embed/lang/'.length, -'.json'.length) as (typeof LANGUAGES)[number]
      const list = JSON.parse(text)
      expect(list, path).toEqual({ ...wordListOf(lang) })
      expect(Object.keys(list), path).toHaveLength(Object.keys(WORDS).length)
      for (const [key, word] of Object.entries(wordsOf(lang)))
        expect(list[Word[key as keyof typeof Word]], key).toBe(word)
    }
    expect(wordsOf('de').comments).toBe('Kommentare')
  })
})
