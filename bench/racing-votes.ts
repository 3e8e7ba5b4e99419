/**
 * Racing votes and likes: page feedback and comment likes stay exact, and every request is answered,
 * however many race on one page or one comment.
 *
 * On DynamoDB Local, runs {@link ROUNDS} rounds of
 * (a) 500 `POST /v1/sites/bench/feedback` votes on one page from 100 visitors on 100 client IPs,
 *     5 racing votes each flipping up and down, all sent at once, then compares the page's counts
 *     with the votes each visitor's last stored vote says; and
 * (b) 60 signed-in readers each liking one comment twice and some unliking it, all at once, then
 *     compares the comment's like count with the likes stored.
 *
 * Budget: every vote answered 201, every like 200, counts exact, in every round.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import {
  type BenchResult,
  createBenchApp,
  createBenchClient,
  jsonRequest,
  PAGE,
  postComment,
  runIfMain,
  SITE_ID,
  verdict,
  withDynamoDbLocal,
} from './bench-kit.js'

const ROUNDS = 5
const VISITORS = 100
const VOTES_EACH = 5
const READERS = 60
/**
 * All requests race from one process into one DynamoDB Local, which queues them for seconds (a
 * Lambda serves one request at a time): like the concurrency tests, the store deadline is relaxed,
 * the counts are not. What must never happen is a vote or like given up on because it lost races.
 */
const RACE_DEADLINE_MS = 30_000

const tally = (statuses: number[]) => {
  const byStatus = new Map<number, number>()
  for (const s of statuses) byStatus.set(s, (byStatus.get(s) ?? 0) + 1)
  return [...byStatus].map(([s, n]) => `${n}×${s}`).join(' ')
}

export async function racingVotes(): Promise<BenchResult> {
  console.log(
    `== racing-votes: ${VISITORS * VOTES_EACH} racing votes, ${READERS} racing likers, ${ROUNDS} rounds ==`,
  )
  return withDynamoDbLocal(async (endpoint) => {
    const client = createBenchClient(endpoint)
    try {
      const { app, deps, tableName } = await createBenchApp(client, endpoint, {
        clientIp: (c) => c.req.header('x-bench-client-ip') ?? '192.0.2.1',
        storeDeadlineMs: RACE_DEADLINE_MS,
      })
      const rounds: { votes201: number; votesExact: boolean; likes200: number; likesExact: boolean }[] = []
      for (let round = 0; round < ROUNDS; round++) {
        const page = `${PAGE}-race-${round}`
        const votes = Array.from({ length: VISITORS * VOTES_EACH }, (_, i) => ({
          visitor: `racer-${round}-${i % VISITORS}`,
          ip: `198.51.${round}.${(i % VISITORS) + 1}`,
          vote: (Math.floor(i / VISITORS) + i) % 2 === 0 ? 'up' : 'down',
        }))
        const started = performance.now()
        const voteStatuses = await Promise.all(
          votes.map(async ({ visitor, ip, vote }) => {
            const res = await app.request(
              `/v1/sites/${SITE_ID}/feedback`,
              jsonRequest('POST', { page, vote, visitor }, { 'x-bench-client-ip': ip }),
            )
            await res.body?.cancel()
            return res.status
          }),
        )
        const raceMs = performance.now() - started
        const counts = (await (
          await app.request(`/v1/sites/${SITE_ID}/feedback?page=${encodeURIComponent(page)}`)
        ).json()) as { up: number; down: number }
        const stored = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'by-status',
            KeyConditionExpression: 'spk = :pk',
            FilterExpression: 'pageUrl = :page',
            ExpressionAttributeValues: { ':pk': `S#${SITE_ID}#ST#feedback`, ':page': page },
          }),
        )
        const up = (stored.Items ?? []).filter((i) => i.vote === 'up').length
        const down = (stored.Items ?? []).filter((i) => i.vote === 'down').length
        // Exact: the counts are the stored votes, one per visitor who got a vote in.
        const votesExact = counts.up === up && counts.down === down

        const { comment } = await postComment(app, `Likeable ${round}`)
        const tokens = await Promise.all(
          Array.from({ length: READERS }, async (_, i) => {
            const subject = `liker-${round}-${i}`
            const profile = { name: 'Reader', avatar: null, providerId: 'google', providerType: 'google' }
            const session = { userId: subject, siteId: SITE_ID, subject, ...profile }
            return (await deps.auth.sessions.issue(session, Date.now())).token
          }),
        )
        const like = async (token: string, method: 'PUT' | 'DELETE') => {
          const res = await app.request(`/v1/sites/${SITE_ID}/comments/${comment.id}/reactions/like`, {
            method,
            headers: { Authorization: `Bearer ${token}` },
          })
          await res.body?.cancel()
          return res.status
        }
        const likeStatuses = await Promise.all(
          tokens.flatMap((token, i) => [
            like(token, 'PUT'),
            like(token, 'PUT'),
            ...(i % 4 === 0 ? [like(token, i % 8 === 0 ? 'DELETE' : 'PUT')] : []),
          ]),
        )
        const likes = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :like)',
            ExpressionAttributeValues: { ':pk': `S#${SITE_ID}#C#${comment.id}`, ':like': 'LIKE#' },
            Select: 'COUNT',
            ConsistentRead: true,
          }),
        )
        const listed = await deps.comments.get(SITE_ID, comment.id)
        const likesExact = listed?.likes === likes.Count
        const result = {
          votes201: voteStatuses.filter((s) => s === 201).length,
          votesExact,
          likes200: likeStatuses.filter((s) => s === 200).length,
          likesExact,
        }
        rounds.push(result)
        console.log(
          `  round ${round + 1}: votes ${tally(voteStatuses)} in ${(raceMs / 1000).toFixed(1)} s, counts up ${counts.up} down ${counts.down} ` +
            `vs stored ${up}/${down} ${votesExact ? 'exact' : 'WRONG'}; likes ${tally(likeStatuses)}, ` +
            `count ${listed?.likes} vs stored ${likes.Count} ${likesExact ? 'exact' : 'WRONG'}`,
        )
      }
      const votes = VISITORS * VOTES_EACH
      const likeRequests = READERS * 2 + Math.ceil(READERS / 4)
      const pass = rounds.every(
        (r) => r.votes201 === votes && r.votesExact && r.likesExact && r.likes200 === likeRequests,
      )
      const figures = rounds
        .map(
          (r) =>
            `${r.votes201}/${votes} votes 201 ${r.votesExact ? 'exact' : 'WRONG'}, ${r.likes200} likes 200 ${r.likesExact ? 'exact' : 'WRONG'}`,
        )
        .join('; ')
      console.log(`  ${verdict(pass)}`)
      return {
        name: 'racing-votes',
        figures,
        budget: `all ${votes} votes 201 and every like 200, counts exact, ${ROUNDS} of ${ROUNDS} rounds`,
        pass,
      }
    } finally {
      client.destroy()
    }
  })
}

runIfMain(import.meta.url, racingVotes)
