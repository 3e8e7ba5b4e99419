import { describe, expect, it } from 'vitest'
import { autoParagraphs } from '../../functions/cli/import/wp-autop.js'

describe('WordPress line breaks made explicit', () => {
  it('parts paragraphs at blank lines and breaks lines at single ones', () => {
    expect(autoParagraphs('one\ntwo\n\n\tthree\r\n')).toBe('<p>one<br>\ntwo</p>\n<p>three</p>')
  })

  it('adds no break where the text already has one, or next to a block tag', () => {
    expect(autoParagraphs('a<br />\nb')).toBe('<p>a<br />\nb</p>')
    expect(autoParagraphs('<ul>\n<li>x</li>\n</ul>')).toBe('<ul>\n<li>x</li>\n</ul>')
    expect(autoParagraphs('Intro:\n<blockquote>q</blockquote>\nafter')).toBe(
      '<p>Intro:\n<blockquote>q</blockquote>\nafter</p>',
    )
  })

  it('leaves everything inside <pre> as typed', () => {
    expect(autoParagraphs('code:\n<pre>a\n\n  b</pre>\nend')).toBe(
      '<p>code:</p>\n<pre>a\n\n  b</pre>\n<p>end</p>',
    )
  })

  it('gives nothing for a blank comment', () => {
    expect(autoParagraphs(' \n\n ')).toBe('')
  })
})
