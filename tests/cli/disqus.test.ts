import { describe, expect, it } from 'vitest'
import { byId, disqusLines, parentsComeFirst, tempFile } from './collect.js'
import { fixture } from './fixtures.js'

const ISSO = fixture('isso/disqus.xml')

describe('Isso’s Disqus export', () => {
  it('imports its 5 importable posts, parents first', async () => {
    const { lines } = await disqusLines(ISSO)
    expect(lines.map((l) => [l.sourceId, l.parentSourceId])).toEqual([
      ['4', null],
      ['5', '4'],
      ['8', null],
      ['9', null],
      ['11', '9'],
    ])
    expect(parentsComeFirst(lines)).toBe(true)
  })

  it('skips the post of a thread missing from the export, and warns of the thread without a link', async () => {
    const { report, warnings } = await disqusLines(ISSO)
    expect(report.skipped).toEqual(new Map([['thread-not-found', 1]]))
    expect(warnings).toEqual([
      'post 6 is in thread 1337, which is not in the export; skipped',
      'thread 3 has no usable link (""): it has no posts',
    ])
  })

  it('keeps the deleted post as deleted, so its reply keeps its place in the thread', async () => {
    const ids = byId((await disqusLines(ISSO)).lines)
    expect(ids.get('9')).toMatchObject({ status: 'deleted', body: '' })
    expect(ids.get('11')).toMatchObject({ status: 'published', parentSourceId: '9' })
  })

  it('keeps anonymous authors as guests, with their e-mail for moderators', async () => {
    const ids = byId((await disqusLines(ISSO)).lines)
    expect(ids.get('4')).toMatchObject({
      source: 'disqus',
      page: 'http://example.org/',
      pageTitle: 'Hello, World!',
      author: { name: 'peter', email: 'foo@bar.com' },
      body: '...',
      format: 'html',
      createdAt: '2013-10-10T19:20:29.000Z',
      status: 'published',
    })
    expect(ids.get('5')?.body).toBe('<p>Hello, World.</p>')
  })

  it('finds the thread without an <id> or a title by its dsq:id, and sends no empty title', async () => {
    const post = byId((await disqusLines(ISSO)).lines).get('8')
    expect(post?.page).toBe('http://localhost:4000/blog/2013/02/12/redacted/index.html')
    expect(post).not.toHaveProperty('pageTitle')
  })
})

const disqus = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">${body}</disqus>`
const thread = (id: string, link = `https://old.example/${id}`) =>
  `<thread dsq:id="${id}"><link>${link}</link><title>T ${id}</title></thread>`
const post = (id: number, threadId: string, parent?: number, flags = '') =>
  `<post dsq:id="${id}"><message><![CDATA[<p>post ${id}</p>]]></message><createdAt>2015-01-0${(id % 9) + 1}T10:00:00Z</createdAt>${flags}<author><name>Ann</name><isAnonymous>true</isAnonymous></author><thread dsq:id="${threadId}"/>${parent ? `<parent dsq:id="${parent}"/>` : ''}</post>`

describe('Disqus ordering and mapping', () => {
  // A chain 1 <- 2 <- ... <- 8 listed deepest first, and a thread listed after its posts.
  const reversed = disqus(
    [8, 7, 6, 5, 4, 3, 2].map((id) => post(id, 'a', id - 1)).join('') + post(1, 'a') + thread('a'),
  )

  it('holds replies listed before their parents and sends them after, in one pass', async () => {
    const { lines, passes } = await disqusLines(await tempFile('reversed.xml', reversed))
    expect(lines.map((l) => l.sourceId)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8'])
    expect(passes).toEqual([1])
  })

  it('reads the file again, rather than hold more than its budget, and still puts parents first', async () => {
    const { lines, passes } = await disqusLines(await tempFile('reversed.xml', reversed), { holdChars: 0 })
    expect(lines).toHaveLength(8)
    expect(parentsComeFirst(lines)).toBe(true)
    expect(passes).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('maps isSpam and isDeleted, and makes replies to what is not imported top-level', async () => {
    const path = await tempFile(
      'flags.xml',
      disqus(
        thread('a') +
          thread('b', '') +
          post(1, 'a', undefined, '<isSpam>true</isSpam>') +
          post(2, 'a', undefined, '<isDeleted>true</isDeleted><isSpam>true</isSpam>') +
          post(3, 'b') +
          post(4, 'a', 3) +
          post(5, 'a', 42) +
          post(5, 'a'),
      ),
    )
    const { lines, report, warnings } = await disqusLines(path)
    expect(lines.map((l) => [l.sourceId, l.status, l.parentSourceId])).toEqual([
      ['1', 'spam', null],
      ['2', 'deleted', null],
      ['4', 'published', null],
      ['5', 'published', null],
    ])
    expect(report.skipped).toEqual(
      new Map([
        ['duplicate-id', 1],
        ['thread-without-link', 1],
      ]),
    )
    expect(warnings).toEqual(
      expect.arrayContaining([
        'thread b has no usable link (""): its 1 post(s) are skipped',
        'post 4 replies to 3, which is not imported: it becomes a top-level comment',
        'post 5 replies to 42, which is not in the export: it becomes a top-level comment',
      ]),
    )
  })

  it('refuses a WordPress export given as a Disqus one', async () => {
    await expect(disqusLines(fixture('wordpress/valid-wxr-1.1.xml'))).rejects.toThrow(/not a Disqus export/)
  })
})
