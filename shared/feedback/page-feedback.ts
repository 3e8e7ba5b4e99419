import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { CommentDeps } from '../comments/comment-deps.js'
import { statusKey } from '../comments/comment-keys.js'
import { openCursor, sealCursor } from '../crypto/cursor.js'
import { sha256 } from '../crypto/mac.js'
import { queryPages } from '../db/query-pages.js'
import { TABLE_INDEXES } from '../db/table-schema.js'
import { type TransactItem, transactWrite } from '../db/transact.js'
import { RateLimitedError, UnavailableError } from '../errors.js'
import { holdReasons } from '../moderation/spam-checks.js'
import { resolvePage } from '../pages/page-ref.js'
import type { SiteConfig } from '../sites/site-schema.js'
import type { AdminFeedbackQuery, FeedbackInput, FeedbackQuery } from './feedback-input.js'
import { FeedbackEntrySchema } from './feedback-output.js'

/** Votes a reader may cast a minute from one IP: flipping a vote is cheap, flooding is not. */
export const VOTES_PER_MINUTE_PER_IP = 20
const MAX_TRIES = 6

const summaryKey = (siteId: string, page: string) => ({ pk: `S#${siteId}#P#${page}`, sk: 'FEEDBACK' })
const votesPk = (siteId: string, page: string) => `S#${siteId}#FB#${page}`
/** Every feedback entry of a site, by time, in the sparse status index: the CSV export walks it. */
export const feedbackStatus = 'feedback'

const counts = (item: Record<string, unknown> | undefined) => ({
  up: Number(item?.up ?? 0),
  down: Number(item?.down ?? 0),
})

/** A page's feedback counts. */
export async function pageFeedback(deps: CommentDeps, site: SiteConfig, query: FeedbackQuery) {
  const page = resolvePage(site, query.page, query.pageId)
  const { store } = deps.comments
  const { Item } = await store.send(
    new GetCommand({ TableName: store.tableName, Key: summaryKey(site.id, page.key) }),
  )
  return counts(Item)
}

/**
 * Records a visitor's vote on a page: one per visitor, a later vote replacing the earlier one and
 * moving the counts exactly (the vote is written on the condition it is still what was read).
 * A message goes through the same spam checks as a comment; a held one is kept, marked with why.
 * @throws ValidationError, PageNotOnSiteError, RateLimitedError, UnavailableError
 */
export async function castVote(deps: CommentDeps, site: SiteConfig, input: FeedbackInput, ipHash: string) {
  const page = resolvePage(site, input.page, input.pageId)
  const { store } = deps.comments
  const TableName = store.tableName
  const visitor = sha256(`visitor\n${input.visitor}`).slice(0, 24)
  const voteKey = { pk: votesPk(site.id, page.key), sk: `V#${visitor}` }
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const now = deps.clock()
    const { Item: earlier } = await store.send(
      new GetCommand({ TableName, Key: voteKey, ConsistentRead: true }),
    )
    const was = earlier?.vote
    const delta = (side: 'up' | 'down') => (input.vote === side ? 1 : 0) - (was === side ? 1 : 0)
    const at = new Date(now).toISOString()
    const reasons = input.message
      ? holdReasons(deps.keys, site, { body: input.message, hp: input.hp }, now)
      : []
    const window = Math.floor(now / 60_000)
    const items: TransactItem[] = [
      {
        Put: {
          TableName,
          Item: {
            ...voteKey,
            vote: input.vote,
            message: input.message || null,
            reasons,
            at,
            pageUrl: page.url,
            spk: statusKey(site.id, feedbackStatus),
            ssk: `${at}#${visitor}`,
          },
          ConditionExpression: was === undefined ? 'attribute_not_exists(pk)' : 'vote = :was',
          ...(was !== undefined && { ExpressionAttributeValues: { ':was': was } }),
        },
      },
      {
        Update: {
          TableName,
          Key: summaryKey(site.id, page.key),
          UpdateExpression: 'ADD up :up, down :down SET #url = :url',
          ExpressionAttributeNames: { '#url': 'url' },
          ExpressionAttributeValues: { ':up': delta('up'), ':down': delta('down'), ':url': page.url },
        },
      },
      {
        Update: {
          TableName,
          Key: { pk: `S#${site.id}#RL#fb#${ipHash}`, sk: `W#${window}` },
          UpdateExpression: 'ADD n :one SET expiresAt = :exp',
          ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': VOTES_PER_MINUTE_PER_IP,
            ':exp': Math.ceil(now / 1000) + 120,
          },
        },
      },
    ]
    const codes = await transactWrite(store, items)
    if (!codes) {
      const { Item } = await store.send(
        new GetCommand({ TableName, Key: summaryKey(site.id, page.key), ConsistentRead: true }),
      )
      return counts(Item)
    }
    if (codes[2] === 'ConditionalCheckFailed')
      throw new RateLimitedError(60 - Math.floor((now % 60_000) / 1000))
    // Another vote of this visitor landed since we read theirs: read again and move from there.
  }
  throw new UnavailableError()
}

/** A stored vote as moderators see it, parsed (never cast) from its item. */
const toEntry = (i: Record<string, unknown>) =>
  FeedbackEntrySchema.parse({
    page: i.pageUrl,
    vote: i.vote,
    message: typeof i.message === 'string' ? i.message : null,
    reasons: Array.isArray(i.reasons) ? i.reasons.map(String) : [],
    at: i.at,
  })

/**
 * A page's feedback entries with their messages, for moderators.
 * @throws ValidationError for a cursor of another page
 */
export async function listFeedback(deps: CommentDeps, site: SiteConfig, query: AdminFeedbackQuery) {
  const page = resolvePage(site, query.page, query.pageId)
  const scope = `feedback|${site.id}|${page.key}`
  const after = query.cursor === undefined ? undefined : openCursor(deps.keys, query.cursor, scope)
  const { store } = deps.comments
  const { Items = [], LastEvaluatedKey } = await store.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk AND sk > :after',
      ExpressionAttributeValues: { ':pk': votesPk(site.id, page.key), ':after': after ?? 'V#' },
      Limit: query.limit,
    }),
  )
  const last = Items.at(-1)
  return {
    entries: Items.map(toEntry),
    nextCursor: LastEvaluatedKey && last ? sealCursor(deps.keys, scope, String(last.sk)) : null,
  }
}

const csvCell = (value: string | null) => {
  const s = value ?? ''
  // Quotes doubled; a leading = + - @ neutralised so a spreadsheet never runs a formula from a reader.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** Every feedback entry of a site as CSV, oldest first, streamed a page of 500 at a time. */
export async function* feedbackCsv(deps: CommentDeps, site: SiteConfig): AsyncGenerator<string> {
  yield 'at,page,vote,message,reasons\n'
  const pages = queryPages(deps.comments.store, {
    IndexName: TABLE_INDEXES.byStatus.name,
    KeyConditionExpression: 'spk = :pk',
    ExpressionAttributeValues: { ':pk': statusKey(site.id, feedbackStatus) },
    Limit: 500,
  })
  for await (const items of pages) {
    const rows = items.map(toEntry)
    yield rows
      .map((e) => [e.at, e.page, e.vote, e.message, e.reasons.join(' ')].map(csvCell).join(','))
      .join('\n') + (rows.length ? '\n' : '')
  }
}
