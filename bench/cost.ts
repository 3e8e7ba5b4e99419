/**
 * Monthly cost of one deployment at 10k, 1M and 10M page views, from published list prices
 * (us-east-1, USD) and the traffic model below. No AWS call: arithmetic over stated assumptions, so
 * the README's table can be recomputed (`npx tsx bench/cost.ts`) when a price or assumption changes.
 *
 * Budget: 10k views a month cost at most $0.50 with AWS's always-free tiers (the master secret's
 * $0.40 is the floor).
 */
import { type BenchResult, runIfMain, verdict } from './bench-kit.js'

/** Published list prices, us-east-1, USD. */
export const PRICES = {
  lambdaRequestsPerMillion: 0.2,
  lambdaArmGbSecond: 0.0000133334,
  httpApiPerMillion: 1.0,
  dynamoWriteUnitsPerMillion: 0.625,
  dynamoReadUnitsPerMillion: 0.125,
  dynamoStorageGbMonth: 0.25,
  dynamoPitrGbMonth: 0.2,
  secretPerMonth: 0.4,
  secretsApiCallsPer10k: 0.05,
  cloudfrontHttpsRequestsPer10k: 0.01,
  cloudfrontTransferGb: 0.085,
  alarmMetricPerMonth: 0.1,
  logsIngestedGb: 0.5,
  logsStoredGbMonth: 0.03,
  wafWebAclPerMonth: 5.0,
  wafRulePerMonth: 1.0,
  wafRequestsPerMillion: 0.6,
  sesPer1000Mails: 0.1,
  sqsRequestsPerMillion: 0.4,
  /** DynamoDB Streams' GetRecords made by a Lambda trigger cost nothing; nor do AWS services' and scheduled events on the default bus. */
  streamReadsByLambda: 0,
}

/** AWS's always-free monthly allowances that apply here (HTTP API's is for the first 12 months only: not counted). */
export const FREE_TIER = {
  cloudfrontRequests: 10_000_000,
  cloudfrontTransferGb: 1024,
  lambdaRequests: 1_000_000,
  lambdaGbSeconds: 400_000,
  alarmMetrics: 10,
  logsGb: 5,
  dynamoStorageGb: 25,
  sqsRequests: 1_000_000,
}

/** The traffic model: what one page view causes, and how much of it the edge absorbs. */
export const ASSUMPTIONS = {
  /**
   * Every view loads one list; embed.js is fetched on half the views (returning readers have it in
   * the browser cache). The API lets the edge keep it 5 minutes (then stale while refreshing), so
   * the origin sees at most one request per regional edge cache (13) every 5 minutes.
   */
  listsPerView: 1,
  embedRequestsPerView: 0.5,
  maxEmbedOriginRequestsPerMonth: 13 * 12 * 24 * 30,
  /** Share of list requests CloudFront answers (s-maxage 10 s + stale-while-revalidate 30 s): low traffic rarely repeats a page within 40 s. */
  listHitRatio: { '10k': 0.1, '1M': 0.6, '10M': 0.85 } as Record<string, number>,
  /** One comment per 200 views; each post costs a CORS preflight, the POST and one list refresh (a miss). */
  commentsPerView: 1 / 200,
  originRequestsPerComment: 3,
  /** Bytes to the reader, compressed: the widget script and a list of ~10 comments. */
  embedKb: 25,
  listKb: 6,
  /** Function: 1024 MB arm64; warm invocation 40 ms; a cold start adds ~500 ms init (billed) and two GetSecretValue calls (current and previous version). */
  secretReadsPerColdStart: 2,
  memoryGb: 1,
  warmSeconds: 0.04,
  initSeconds: 0.5,
  /** An idle environment lives ~15 min: at most ~4 cold starts an hour per concurrent environment, 2 environments on average. */
  maxColdStartsPerMonth: 730 * 4 * 2,
  /** DynamoDB per list miss: one Query (~10 KB, eventually consistent: 1.5 RRU) + the site config every 30 s per environment (0.5). */
  readUnitsPerListMiss: 2,
  /**
   * Per post: transaction of comment put (2 KB → 4 WRU), page counter (2), idempotency record (2),
   * rate-limit window (2), plus 3 index copies of the comment (2 each): 16 WRU; 2 RRU of reads.
   */
  writeUnitsPerComment: 16,
  readUnitsPerComment: 2,
  /** Comment item with its three index copies, and months of comments kept (storage after a year). */
  storedKbPerComment: 8,
  monthsOfComments: 12,
  /** JSON access log line per API request; the function logs only warnings (system log level WARN). */
  accessLogBytes: 450,
  /** Alarm metrics: 5xx rate (2), function errors (2: API and downloads), throttles (1), table throttles (2), the notifier's two dead-letter queues (2). */
  alarmMetrics: 9,
  /**
   * Notifier, per comment: 1.5 stream invocations (its creation; half are published or deleted
   * later), unbatched (an upper bound: at traffic, Lambda batches records); 1 mail (a moderator's
   * for a held one, a reply to a subscriber, a guest's confirmation); half a webhook job.
   * The stream filter drops every other item a post writes before an invocation.
   */
  notifierInvocationsPerComment: 1.5,
  mailsPerComment: 1,
  webhookJobsPerComment: 0.5,
  /** The digest schedules: hourly and daily, each an invocation whether or not a site asked for digests. */
  digestInvocationsPerMonth: 24 * 30 + 30,
  /** 512 MB arm64; 150 ms an invocation (a send to SES or a receiver, ledger writes); cold: ~600 ms init and two secret reads. */
  notifierMemoryGb: 0.5,
  notifierWarmSeconds: 0.15,
  notifierInitSeconds: 0.6,
  /** One environment at a time, idle ones live ~15 min: at most ~4 cold starts an hour. */
  maxNotifierColdStartsPerMonth: 730 * 4,
  /** Per comment: ~4 read units (site, parent, preferences, subscription) and 4 write units (ledger claim and completion per delivery). */
  notifierReadUnitsPerComment: 4,
  notifierWriteUnitsPerComment: 4,
  /** A job: SendMessage, its ReceiveMessage and DeleteMessage. */
  sqsRequestsPerWebhookJob: 3,
  /** Lambda long-polls the webhook queue even when idle: up to 5 pollers, a 20 s receive each. */
  idleQueuePollsPerMonth: 5 * 3 * 60 * 730,
  /** JSON log lines per notifier invocation (one per delivery, warnings). */
  notifierLogBytes: 1000,
}

export const TIERS = { '10k': 10_000, '1M': 1_000_000, '10M': 10_000_000 }
type Tier = keyof typeof TIERS

export interface CostLine {
  service: string
  /** USD per month by tier, list price. */
  list: Record<Tier, number>
  /** USD per month by tier, after always-free allowances. */
  free: Record<Tier, number>
}

const round = (usd: number) => Math.round(usd * 100) / 100
const over = (amount: number, allowance: number) => Math.max(0, amount - allowance)

/** Cost lines for one tier's page views. */
function monthly(tier: Tier) {
  const a = ASSUMPTIONS
  const views = TIERS[tier]
  const lists = views * a.listsPerView
  const listMisses = lists * (1 - (a.listHitRatio[tier] ?? 0))
  const comments = views * a.commentsPerView
  const embedMisses = Math.min(views * a.embedRequestsPerView, a.maxEmbedOriginRequestsPerMonth)
  const originRequests = listMisses + comments * a.originRequestsPerComment + embedMisses
  const viewerRequests = views * a.embedRequestsPerView + lists + comments * a.originRequestsPerComment
  const coldStarts = Math.min(originRequests, a.maxColdStartsPerMonth)
  const gbSeconds = a.memoryGb * (originRequests * a.warmSeconds + coldStarts * a.initSeconds)
  const transferGb = (views * a.embedRequestsPerView * a.embedKb + lists * a.listKb) / 1024 / 1024
  const storageGb = (comments * a.monthsOfComments * a.storedKbPerComment) / 1024 / 1024
  const notifierInvocations = comments * a.notifierInvocationsPerComment + a.digestInvocationsPerMonth
  const notifierColdStarts = Math.min(notifierInvocations, a.maxNotifierColdStartsPerMonth)
  const lambdaRequests = originRequests + notifierInvocations
  const notifierGbSeconds =
    a.notifierMemoryGb *
    (notifierInvocations * a.notifierWarmSeconds + notifierColdStarts * a.notifierInitSeconds)
  const mails = comments * a.mailsPerComment
  const sqsRequests =
    comments * a.webhookJobsPerComment * a.sqsRequestsPerWebhookJob + a.idleQueuePollsPerMonth
  const secretReads = (coldStarts + notifierColdStarts) * a.secretReadsPerColdStart
  const logsGb = (originRequests * a.accessLogBytes + notifierInvocations * a.notifierLogBytes) / 1024 ** 3
  const p = PRICES
  const f = FREE_TIER

  const cloudfront = (requests: number, gb: number) =>
    (requests / 10_000) * p.cloudfrontHttpsRequestsPer10k + gb * p.cloudfrontTransferGb
  const lambda = (requests: number, gbs: number) =>
    (requests / 1e6) * p.lambdaRequestsPerMillion + gbs * p.lambdaArmGbSecond
  const dynamo = (storage: number) =>
    ((listMisses * a.readUnitsPerListMiss +
      comments * (a.readUnitsPerComment + a.notifierReadUnitsPerComment)) /
      1e6) *
      p.dynamoReadUnitsPerMillion +
    ((comments * (a.writeUnitsPerComment + a.notifierWriteUnitsPerComment)) / 1e6) *
      p.dynamoWriteUnitsPerMillion +
    storage * p.dynamoStorageGbMonth +
    storageGb * p.dynamoPitrGbMonth
  const logs = (gb: number) => gb * p.logsIngestedGb + logsGb * p.logsStoredGbMonth

  const lines: [string, number, number][] = [
    [
      'CloudFront',
      cloudfront(viewerRequests, transferGb),
      cloudfront(over(viewerRequests, f.cloudfrontRequests), over(transferGb, f.cloudfrontTransferGb)),
    ],
    ['HTTP API', (originRequests / 1e6) * p.httpApiPerMillion, (originRequests / 1e6) * p.httpApiPerMillion],
    [
      'Lambda (API and notifier)',
      lambda(lambdaRequests, gbSeconds + notifierGbSeconds),
      lambda(over(lambdaRequests, f.lambdaRequests), over(gbSeconds + notifierGbSeconds, f.lambdaGbSeconds)),
    ],
    ['DynamoDB', dynamo(storageGb), dynamo(over(storageGb, f.dynamoStorageGb))],
    ['DynamoDB Streams (read by the notifier)', p.streamReadsByLambda, p.streamReadsByLambda],
    ['SES (mail)', (mails / 1000) * p.sesPer1000Mails, (mails / 1000) * p.sesPer1000Mails],
    [
      'SQS (webhook retries)',
      (sqsRequests / 1e6) * p.sqsRequestsPerMillion,
      (over(sqsRequests, f.sqsRequests) / 1e6) * p.sqsRequestsPerMillion,
    ],
    [
      'Secrets Manager',
      p.secretPerMonth + (secretReads / 10_000) * p.secretsApiCallsPer10k,
      p.secretPerMonth + (secretReads / 10_000) * p.secretsApiCallsPer10k,
    ],
    [
      'CloudWatch (alarms, logs)',
      a.alarmMetrics * p.alarmMetricPerMonth + logs(logsGb),
      over(a.alarmMetrics, f.alarmMetrics) * p.alarmMetricPerMonth + logs(over(logsGb, f.logsGb)),
    ],
  ]
  const waf = p.wafWebAclPerMonth + p.wafRulePerMonth + (viewerRequests / 1e6) * p.wafRequestsPerMillion
  return { lines, waf, originRequests, viewerRequests, comments, coldStarts, notifierInvocations, mails }
}

/** The whole table: a line per service, totals, and the optional WAF on top. */
export function costTable() {
  const tiers = Object.keys(TIERS) as Tier[]
  const byTier = Object.fromEntries(tiers.map((t) => [t, monthly(t)])) as Record<
    Tier,
    ReturnType<typeof monthly>
  >
  const services = byTier['10k'].lines.map(([name]) => name)
  const pick = (i: number, col: 1 | 2) =>
    Object.fromEntries(tiers.map((t) => [t, byTier[t].lines[i]?.[col] ?? 0])) as Record<Tier, number>
  const lines: CostLine[] = services.map((service, i) => ({ service, list: pick(i, 1), free: pick(i, 2) }))
  const total = (col: 'list' | 'free') =>
    Object.fromEntries(tiers.map((t) => [t, lines.reduce((sum, l) => sum + l[col][t], 0)])) as Record<
      Tier,
      number
    >
  const waf = Object.fromEntries(tiers.map((t) => [t, byTier[t].waf])) as Record<Tier, number>
  return { tiers, lines, totalList: total('list'), totalFree: total('free'), waf, byTier }
}

const usd = (n: number) => (n < 0.005 ? '$0.00' : `$${round(n).toFixed(2)}`)

/** The README's Markdown table. */
export function costMarkdown(): string {
  const t = costTable()
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`
  const head = ['monthly page views', ...t.tiers.map((tier) => tier)]
  const requests = t.tiers.map((tier) => {
    const b = t.byTier[tier]
    return `${Math.round(b.viewerRequests).toLocaleString('en')} / ${Math.round(b.originRequests).toLocaleString('en')}`
  })
  return [
    row(head),
    row(head.map(() => '---')),
    row(['requests: at the edge / reaching the function', ...requests]),
    row([
      'notifier invocations / mails',
      ...t.tiers.map((tier) => {
        const b = t.byTier[tier]
        return `${Math.round(b.notifierInvocations).toLocaleString('en')} / ${Math.round(b.mails).toLocaleString('en')}`
      }),
    ]),
    ...t.lines.map((l) => row([l.service, ...t.tiers.map((tier) => usd(l.list[tier]))])),
    row(['**total, list prices**', ...t.tiers.map((tier) => `**${usd(t.totalList[tier])}**`)]),
    row(['**total with always-free tiers**', ...t.tiers.map((tier) => `**${usd(t.totalFree[tier])}**`)]),
    row(['optional WAF (web ACL + 1 rule + requests)', ...t.tiers.map((tier) => `+${usd(t.waf[tier])}`)]),
  ].join('\n')
}

const BUDGET_10K = 0.5

export async function cost(): Promise<BenchResult> {
  console.log('== cost: monthly USD at list prices (us-east-1), from bench/cost.ts assumptions ==')
  console.log(costMarkdown())
  const t = costTable()
  const pass = t.totalFree['10k'] <= BUDGET_10K
  console.log(
    `  10k views with free tiers: ${usd(t.totalFree['10k'])} (budget ≤ $${BUDGET_10K}): ${verdict(pass)}`,
  )
  return {
    name: 'cost',
    figures: t.tiers
      .map((tier) => `${tier} ${usd(t.totalList[tier])} (${usd(t.totalFree[tier])} free tier)`)
      .join(', '),
    budget: `10k views ≤ $${BUDGET_10K} with free tiers`,
    pass,
  }
}

runIfMain(import.meta.url, cost)
