import { describe, expect, it } from 'vitest'
import { parseOriginMapping } from '../../functions/cli/import/page-url.js'
import { ExportFileError } from '../../functions/cli/import/xml-stream.js'
import { byId, depthOf, parentsComeFirst, tempFile, wordpressLines } from './collect.js'
import { fixture } from './fixtures.js'

const THEME = fixture('wordpress/theme-unit-test-data.xml')
const TEMPLATE_COMMENTS = 'https://wpthemetestdata.wordpress.com/2012/01/03/template-comments/'

describe('WordPress theme unit test data', () => {
  it('converts its 33 comments to 29 lines: the 2 pingbacks and 2 trackbacks are skipped and counted', async () => {
    const { lines, report } = await wordpressLines(THEME)
    expect(lines).toHaveLength(29)
    expect(report.skipped).toEqual(
      new Map([
        ['trackback', 2],
        ['pingback', 2],
      ]),
    )
    for (const id of ['921', '922', '923', '924']) expect(byId(lines).has(id)).toBe(false)
    expect(byId(lines).get('925')?.page).toBe(
      'https://wpthemetestdata.wordpress.com/2012/01/01/template-pingbacks-an-trackbacks/',
    )
  })

  it('keeps the thread ten levels deep, every parent before its replies', async () => {
    const { lines } = await wordpressLines(THEME)
    expect(parentsComeFirst(lines)).toBe(true)
    const chain = ['904', '905', '906', '907', '910', '911', '912', '913', '914', '915']
    const ids = byId(lines)
    expect(chain.map((id) => ids.get(id)?.parentSourceId)).toEqual([null, ...chain.slice(0, -1)])
    expect(depthOf(lines, '915')).toBe(10)
    expect(ids.get('1017')?.parentSourceId).toBe('168')
    expect(lines.filter((l) => l.parentSourceId === null)).toHaveLength(19)
  })

  it('maps comment_approved 1 to published and 0 to pending', async () => {
    const { lines } = await wordpressLines(THEME)
    const pending = lines.filter((l) => l.status === 'pending').map((l) => l.sourceId)
    expect(pending.sort()).toEqual(['1015', '1016', '1017'])
    expect(lines.filter((l) => l.status === 'published')).toHaveLength(26)
  })

  it('takes comment_date_gmt as the time, authors as guests, the post link and title as the page', async () => {
    const { lines, report } = await wordpressLines(THEME)
    const comment = byId(lines).get('881')
    expect(comment).toMatchObject({
      source: 'wordpress',
      parentSourceId: null,
      page: TEMPLATE_COMMENTS,
      pageTitle: 'Template: Comments',
      author: {
        name: 'John Γιάννης Doe Κάποιος',
        email: 'example@example.org',
        website: 'http://example.org/',
      },
      format: 'html',
      createdAt: '2012-09-03T17:18:04.000Z', // comment_date is 10:18:04, local time
      status: 'published',
    })
    expect(byId(lines).get('167')?.author).toEqual({ name: 'Anon', email: 'anon@example.com' })
    expect(lines.every((l) => !Number.isNaN(Date.parse(l.createdAt)))).toBe(true)
    expect(report.localTimes).toBe(0)
  })

  it('sends bodies as HTML with WordPress line breaks made explicit', async () => {
    const { lines } = await wordpressLines(THEME)
    const ids = byId(lines)
    expect(ids.get('910')?.body).toBe('<p>Comment Depth 05</p>\n<p>Also an author comment.</p>')
    expect(ids.get('881')?.body).toContain('<h1>Header one</h1>')
    expect(lines.every((l) => l.format === 'html')).toBe(true)
  })

  it('warns that a password-protected post’s comments become public', async () => {
    const { warnings } = await wordpressLines(THEME)
    expect(warnings).toEqual([expect.stringContaining('template-password-protected/ is password-protected')])
  })

  it('moves pages with --map-origin, leaving other origins alone', async () => {
    const { lines } = await wordpressLines(THEME, [
      parseOriginMapping('https://wpthemetestdata.wordpress.com=https://blog.example/archive'),
    ])
    expect(byId(lines).get('881')?.page).toBe('https://blog.example/archive/2012/01/03/template-comments/')
    expect(lines.every((l) => l.page.startsWith('https://blog.example/archive/'))).toBe(true)
  })
})

describe('other WordPress exports', () => {
  it('converts WXR 1.1 with its one comment', async () => {
    const { lines } = await wordpressLines(fixture('wordpress/valid-wxr-1.1.xml'))
    expect(lines).toEqual([
      expect.objectContaining({
        sourceId: '1',
        parentSourceId: null,
        author: { name: 'Mr WordPress', website: 'http://wordpress.org/' },
        createdAt: '2010-10-16T20:53:18.000Z',
        status: 'published',
        body: expect.stringContaining('Hi, this is a comment.<br />'),
      }),
    ])
  })

  it('converts a comment with serialized comment meta, ignoring the meta', async () => {
    const { lines } = await wordpressLines(fixture('wordpress/test-serialized-comment-meta.xml'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ sourceId: '1', author: { name: 'A WordPress Commenter' } })
    expect(lines[0]?.body).not.toContain('¯\\_(ツ)_/¯')
    expect(lines[0]?.body).toContain(
      '<br>\nCommenter avatars come from <a href="https://gravatar.com">Gravatar</a>.',
    )
  })

  it('converts Isso’s WXR 1.0 test export: all 8 comments, the repeated id renamed, not lost', async () => {
    const { lines, warnings } = await wordpressLines(fixture('isso/wordpress.xml'))
    expect(lines.map((l) => [l.sourceId, l.parentSourceId])).toEqual([
      ['2', null],
      ['6', null],
      ['7', '6'],
      ['8', '7'],
      ['9', '7'],
      ['10', null],
      ['11', null],
      [expect.stringMatching(/^11@page-[0-9a-f]{8}$/), null],
    ])
    expect(lines[7]?.page).toBe('http://example.tld/?p=4')
    expect(warnings).toEqual([expect.stringContaining('comment id 11 appears twice')])
    const ids = byId(lines)
    expect(ids.get('2')?.author?.email).toBe('test@example.org') // trimmed of its line break
    expect(ids.get('7')?.createdAt).toBe('2014-04-29T15:21:35.000Z') // no comment_date at all
    expect(ids.get('10')?.body).toBe(
      '<p>When you have a comment with multiple lines:<br>\nWordPress exports it like this.</p>',
    )
  })

  it('fails on the truncated export with the place and the reason', async () => {
    const error = await wordpressLines(fixture('wordpress/malformed-simple.xml')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExportFileError)
    expect((error as Error).message).toMatch(
      /malformed-simple\.xml:14:0: not well-formed XML \(unclosed tag: item\)/,
    )
  })

  it('refuses a Disqus export given as a WordPress one', async () => {
    await expect(wordpressLines(fixture('isso/disqus.xml'))).rejects.toThrow(/not a WordPress export/)
  })
})

const wxr = (comments: string, link = 'https://old.example/post/') => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>
<title>A &amp; B</title><link>${link}</link><wp:post_id>7</wp:post_id>${comments}</item></channel></rss>`

const comment = (id: number, fields: Record<string, string> = {}) => {
  const all = {
    comment_author: 'Ann',
    comment_date: '2020-02-02 12:00:00',
    comment_date_gmt: '2020-02-02 11:00:00',
    comment_content: 'hi',
    comment_approved: '1',
    comment_parent: '0',
    ...fields,
  }
  const inner = Object.entries(all).map(([k, v]) => `<wp:${k}><![CDATA[${v}]]></wp:${k}>`)
  return `<wp:comment><wp:comment_id>${id}</wp:comment_id>${inner.join('')}</wp:comment>`
}

describe('WordPress mapping rules', () => {
  it('maps spam and trash, and falls back to comment_date when the GMT one is zero', async () => {
    const path = await tempFile(
      'rules.xml',
      wxr(
        comment(1, { comment_approved: 'spam' }) +
          comment(2, { comment_approved: 'trash', comment_date_gmt: '0000-00-00 00:00:00' }) +
          comment(3, { comment_author: 'What&#8217;s &amp; who', comment_type: 'comment' }),
      ),
    )
    const { lines, report } = await wordpressLines(path)
    expect(lines.map((l) => [l.status, l.createdAt])).toEqual([
      ['spam', '2020-02-02T11:00:00.000Z'],
      ['deleted', '2020-02-02T12:00:00.000Z'],
      ['published', '2020-02-02T11:00:00.000Z'],
    ])
    expect(report.localTimes).toBe(1)
    expect(lines[2]?.author?.name).toBe('What’s & who')
    expect(lines[0]?.pageTitle).toBe('A & B')
  })

  it('puts parents first when WordPress lists replies before them, and keeps orphans as top-level', async () => {
    const path = await tempFile(
      'order.xml',
      wxr(
        comment(3, { comment_parent: '2' }) +
          comment(2, { comment_parent: '1' }) +
          comment(1) +
          comment(4, { comment_parent: '99' }),
      ),
    )
    const { lines, warnings } = await wordpressLines(path)
    expect(lines.map((l) => [l.sourceId, l.parentSourceId])).toEqual([
      ['1', null],
      ['2', '1'],
      ['3', '2'],
      ['4', null],
    ])
    expect(warnings).toEqual([
      expect.stringContaining('comment 4 on https://old.example/post/ replies to 99'),
    ])
  })

  it('skips, and counts, the comments of a post without an absolute link and other comment types', async () => {
    const noLink = wxr(comment(1) + comment(2), '/relative')
    const otherType = wxr(comment(3) + comment(4, { comment_type: 'order_note' }))
    const path = await tempFile(
      'skips.xml',
      noLink.replace('</channel></rss>', otherType.split('<channel>')[1] ?? ''),
    )
    const { lines, report, warnings } = await wordpressLines(path)
    expect(lines.map((l) => l.sourceId)).toEqual(['3'])
    expect(report.skipped).toEqual(
      new Map([
        ['no-page', 2],
        ['other-type', 1],
      ]),
    )
    expect(warnings).toEqual([
      expect.stringContaining('no absolute link ("/relative")'),
      expect.stringContaining('comment 4: type "order_note"'),
    ])
  })
})
