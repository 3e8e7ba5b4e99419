import { Feed } from 'feed'
import { commentPermalink, isWebUrl, textOfHtml } from '../comments/describe-thread.js'
import { escapeHtml, oneLine } from '../mail/mail-layout.js'
import type { FeedComment } from './list-feed-comments.js'

/** What a feed is about, beside its entries. */
export interface FeedHead {
  /** The site's name: the feed's author, as comments of erased readers have none. */
  siteName: string
  /** The page the feed is of, else undefined for the site's feed. */
  pageUrl: string | undefined
  /** Where the site lives: the site feed's alternate link and id. */
  siteUrl: string
  /** This feed's own absolute URL (`rel="self"`). */
  selfUrl: string
}

// XML 1.0 allows no other characters: a commenter's control characters would make the feed ill-formed.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const xmlText = (value: string) => value.replace(NOT_XML, '')

/** An entry's title: the author and the start of the text, escaped, as `type="html"` titles are markup. */
const titleOf = ({ comment }: FeedComment) =>
  escapeHtml(xmlText(`${comment.author?.name ?? '—'}: ${oneLine(textOfHtml(comment.html), 80)}`))

const updatedOf = ({ comment }: FeedComment) => new Date(comment.editedAt ?? comment.createdAt)

/**
 * An Atom 1.0 feed (RFC 4287) of comments, newest first as given. Each entry's id and alternate
 * link is the comment's permalink on its page (`PAGE#c-ID`, the fragment's article id): the same
 * comment is always the same entry, edited or not. An entry is updated when it was edited (else
 * created), the feed when its newest entry was (an empty feed: the epoch, so it stays the same
 * answer). Content is the safe HTML the API renders, as `type="html"`.
 */
export function renderAtomFeed(head: FeedHead, entries: readonly FeedComment[]): string {
  const alternate = head.pageUrl ?? head.siteUrl
  const updated = entries.reduce((max, e) => Math.max(max, updatedOf(e).getTime()), 0)
  const feed = new Feed({
    id: `${alternate}#comments`,
    title: xmlText(
      head.pageUrl ? `${head.siteName}: comments on ${head.pageUrl}` : `${head.siteName}: comments`,
    ),
    updated: new Date(updated),
    generator: 'Parley',
    link: alternate,
    feedLinks: { atom: head.selfUrl },
    author: { name: xmlText(head.siteName) },
  })
  for (const entry of entries) {
    const { comment } = entry
    const permalink = commentPermalink(entry.pageUrl, comment.id)
    feed.addItem({
      id: permalink,
      link: permalink,
      title: titleOf(entry),
      date: updatedOf(entry),
      published: new Date(comment.createdAt),
      content: xmlText(comment.html),
      ...(comment.author && {
        author: [
          {
            name: xmlText(comment.author.name),
            ...(comment.author.website &&
              isWebUrl(comment.author.website) && { link: comment.author.website }),
          },
        ],
      }),
    })
  }
  return feed.atom1()
}
