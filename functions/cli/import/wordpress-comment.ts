import type { ConversionReport } from './conversion-report.js'
import { type ImportComment, type ImportStatus, importAuthor } from './import-comment.js'
import { plainText } from './plain-text.js'
import { autoParagraphs } from './wp-autop.js'

/** The fields of one `<wp:comment>`, as text (WXR 1.0 to 1.2 name them alike). */
export interface WxrComment {
  comment_id: string
  comment_author: string
  comment_author_email: string
  comment_author_url: string
  comment_date: string
  comment_date_gmt: string
  comment_content: string
  comment_approved: string
  comment_type: string
  comment_parent: string
}

export const WXR_COMMENT_FIELDS = new Set([
  'comment_id',
  'comment_author',
  'comment_author_email',
  'comment_author_url',
  'comment_date',
  'comment_date_gmt',
  'comment_content',
  'comment_approved',
  'comment_type',
  'comment_parent',
])

const STATUSES: Record<string, ImportStatus> = {
  '1': 'published',
  approve: 'published',
  '0': 'pending',
  hold: 'pending',
  spam: 'spam',
  trash: 'deleted',
  'post-trashed': 'deleted',
}

/** `2013-03-14 15:14:47` read as UTC; `undefined` for WordPress's `0000-00-00 00:00:00` and garbage. */
export function wordpressTime(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim())
  if (!m || m[1] === '0000') return undefined
  const [year, month, day, hours, minutes, seconds] = m.slice(1).map(Number) as [number, ...number[]]
  const time = new Date(Date.UTC(year, (month ?? 1) - 1, day, hours, minutes, seconds))
  return time.getUTCDate() === day ? time.toISOString() : undefined
}

/**
 * One WordPress comment as an import line for `page`, or `undefined` (counted in the report) for a
 * pingback, a trackback, another comment type or a comment without an id or a date.
 */
export function wordpressComment(
  raw: WxrComment,
  page: { url: string; title: string | undefined },
  report: ConversionReport,
): ImportComment | undefined {
  const id = raw.comment_id.trim()
  const type = raw.comment_type.trim()
  if (type === 'pingback' || type === 'trackback') return void report.skip(type)
  if (type !== '' && type !== 'comment') {
    return void report.skip('other-type', `comment ${id}: type "${type}" is not a reader's comment; skipped`)
  }
  if (!id) return void report.skip('no-id', `a comment on ${page.url} has no comment_id; skipped`)
  let createdAt = wordpressTime(raw.comment_date_gmt)
  if (!createdAt) {
    createdAt = wordpressTime(raw.comment_date)
    if (!createdAt) return void report.skip('no-date', `comment ${id} has no valid date; skipped`)
    report.localTimes++
  }
  const approved = raw.comment_approved.trim()
  let status = STATUSES[approved]
  if (!status) {
    report.warn(`comment ${id}: unknown comment_approved "${approved}"; imported as pending`)
    status = 'pending'
  }
  const parent = raw.comment_parent.trim()
  const website = raw.comment_author_url.trim()
  return {
    source: 'wordpress',
    sourceId: id,
    parentSourceId: parent === '' || parent === '0' ? null : parent,
    page: page.url,
    ...(page.title && { pageTitle: page.title }),
    author: importAuthor(
      plainText(raw.comment_author),
      raw.comment_author_email.trim(),
      /^https?:\/\/$/.test(website) ? '' : website,
    ),
    body: autoParagraphs(raw.comment_content),
    format: 'html',
    createdAt,
    status,
  }
}
