import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { openCursor, sealCursor } from '../crypto/cursor.js'
import { sha256 } from '../crypto/mac.js'
import { feedbackSummaryKey, statusKey, VOTE_PREFIX, voteKey, votesPk } from '../db/item-keys.js'
import { queryPages } from '../db/query-pages.js'
import { rateLimited, rateLimitUpdate } from '../db/rate-limit.js'
import { CONFLICT, retryOnConflict } from '../db/retry-on-conflict.js'
import { TABLE_INDEXES } from '../db/table-schema.js'
import { transactWrite } from '../db/transact.js'
import { holdReasons } from '../moderation/spam-checks.js'
import { resolvePage } from '../pages/page-ref.js'
import type { SiteConfig } from '../sites/site-schema.js'
import type { FeedbackDeps } from './feedback-deps.js'
import type { AdminFeedbackQuery, FeedbackInput, FeedbackQuery } from './feedback-input.js'
import { FeedbackEntrySchema } from './feedback-output.js'

/** Votes a reader may cast a minute from one IP: flipping a vote is cheap, flooding is not. */
export const VOTES_PER_MINUTE_PER_IP = 20

/** Every feedback entry of a site, by time, in the sparse status index: the CSV export walks it. */
export const feedbackStatus = 'feedback'

const counts = (item: Record<string, unknown> | undefined) => ({
  up: Number(item?.up ?? 0),
  down: Number(item?.down ?? 0),
})

type Vote = FeedbackInput['vote']
const asVote = (value: unknown): Vote | undefined => (value === 'up' || value === 'down' ? value : undefined)

/** A page's feedback counts. */
export async function pageFeedback(deps: FeedbackDeps, site: SiteConfig, query: FeedbackQuery) {
  const page = resolvePage(site, query.page, query.pageId)
  const { store } = deps
  const { Item } = await store.send(
    new GetCommand({ TableName: store.tableName, Key: feedbackSummaryKey(site.id, page.key) }),
  )
  return counts(Item)
}

/**
 * Records a visitor's vote on a page: one per visitor, a later vote replacing the earlier one and
 * moving the counts exactly. The vote, the counts and the IP's rate-limit window are written in one
 * transaction, on the condition that the visitor's stored vote is still the one the counts move
 * from. The first attempt assumes a first vote; a failed condition answers the stored vote with it
 * (`ALL_OLD`), so the next attempt needs no read. An attempt only fails that way when another vote
 * of the same visitor was written meanwhile, so however many race, each attempt that loses is
 * matched by one that won: the race ends within as many attempts as it has votes.
 * A message goes through the same spam checks as a comment; a held one is kept, marked with why.
 * @throws ValidationError, PageNotOnSiteError, RateLimitedError, UnavailableError
 */
export async function castVote(deps: FeedbackDeps, site: SiteConfig, input: FeedbackInput, ipHash: string) {
  const page = resolvePage(site, input.page, input.pageId)
  const { store } = deps
  const TableName = store.tableName
  const visitor = sha256(`visitor\n${input.visitor}`).slice(0, 24)
  const now = deps.clock()
  const at = new Date(now).toISOString()
  const reasons = input.message
    ? holdReasons(deps.keys, site, { body: input.message, hp: input.hp }, now)
    : []
  const vote = {
    ...voteKey(site.id, page.key, visitor),
    vote: input.vote,
    message: input.message || null,
    reasons,
    at,
    pageUrl: page.url,
    spk: statusKey(site.id, feedbackStatus),
    ssk: `${at}#${visitor}`,
  }
  const summary = feedbackSummaryKey(site.id, page.key)
  let was: Vote | undefined
  await retryOnConflict(
    async () => {
      const delta = (side: Vote) => (input.vote === side ? 1 : 0) - (was === side ? 1 : 0)
      const cancelled = await transactWrite(
        store,
        [
          {
            Put: {
              TableName,
              Item: vote,
              ConditionExpression: was === undefined ? 'attribute_not_exists(vote)' : 'vote = :was',
              ...(was !== undefined && { ExpressionAttributeValues: { ':was': was } }),
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Update: {
              TableName,
              Key: summary,
              UpdateExpression: 'ADD up :up, down :down SET #url = :url',
              ExpressionAttributeNames: { '#url': 'url' },
              ExpressionAttributeValues: { ':up': delta('up'), ':down': delta('down'), ':url': page.url },
            },
          },
          rateLimitUpdate(TableName, site.id, { key: `fb#${ipHash}`, limit: VOTES_PER_MINUTE_PER_IP }, now),
        ],
        { hot: summary },
      )
      if (!cancelled) return undefined
      if (cancelled.codes[2] === 'ConditionalCheckFailed') throw rateLimited(now)
      if (cancelled.codes[0] !== 'ConditionalCheckFailed')
        throw new Error(`vote cancelled: ${cancelled.codes.join(', ')}`)
      // Another vote of this visitor landed first: move the counts from the vote it left.
      was = asVote(cancelled.items[0]?.vote?.S)
      return CONFLICT
    },
    { immediate: true },
  )
  const { Item } = await store.send(new GetCommand({ TableName, Key: summary, ConsistentRead: true }))
  return counts(Item)
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
export async function listFeedback(deps: FeedbackDeps, site: SiteConfig, query: AdminFeedbackQuery) {
  const page = resolvePage(site, query.page, query.pageId)
  const scope = `feedback|${site.id}|${page.key}`
  const after = query.cursor === undefined ? undefined : openCursor(deps.keys, query.cursor, scope)
  const { store } = deps
  const { Items = [], LastEvaluatedKey } = await store.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk AND sk > :after',
      ExpressionAttributeValues: { ':pk': votesPk(site.id, page.key), ':after': after ?? VOTE_PREFIX },
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
export async function* feedbackCsv(deps: FeedbackDeps, site: SiteConfig): AsyncGenerator<string> {
  yield 'at,page,vote,message,reasons\n'
  const pages = queryPages(deps.store, {
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
