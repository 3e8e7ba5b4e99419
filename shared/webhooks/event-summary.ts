import type { NotificationEvent } from '../notifications/notification-event.js'

/** What an event says to a person, before a format marks it up: a headline and a quote. */
export interface EventSummary {
  headline: string
  /** Who wrote it, when a comment has an author. */
  author: string | null
  /** The page, as its URL. */
  page: string
  /** A plain excerpt of the comment or the feedback's message. */
  excerpt: string
  /** Epoch milliseconds of the change. */
  at: number
}

const EXCERPT_CHARS = 500

/** At most {@link EXCERPT_CHARS} characters of `text`, whitespace folded. */
export const excerptOf = (text: string) => {
  const folded = text.replace(/\s+/g, ' ').trim()
  return folded.length > EXCERPT_CHARS ? `${folded.slice(0, EXCERPT_CHARS - 1)}…` : folded
}

const HEADLINES = {
  'comment.created': 'New comment',
  'comment.published': 'Comment published',
  'comment.deleted': 'Comment deleted',
} as const

/** The summary of an event: never an e-mail address or IP hash, only what a page shows. */
export function summarizeEvent(event: NotificationEvent): EventSummary {
  if (event.type === 'feedback.created') {
    const { feedback } = event
    return {
      headline: `Feedback: ${feedback.vote === 'up' ? 'helpful' : 'not helpful'}`,
      author: null,
      page: feedback.page,
      excerpt: excerptOf(feedback.message ?? ''),
      at: event.at,
    }
  }
  const { comment } = event
  const status =
    event.type === 'comment.created' && comment.status !== 'published' ? ` (${comment.status})` : ''
  return {
    headline: `${HEADLINES[event.type]}${status}`,
    author: comment.author?.name ?? null,
    page: comment.pageUrl,
    excerpt: event.type === 'comment.deleted' ? '' : excerptOf(comment.body),
    at: event.at,
  }
}

/** Whether a page's URL may be made a link: an absolute http(s) URL. */
export const isWebPage = (url: string) => /^https?:\/\/[^\s<>|]+$/i.test(url)
