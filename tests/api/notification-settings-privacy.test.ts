import { describe, expect, it } from 'vitest'
import { keyedHash } from '../../shared/crypto/ip-hash.js'
import { signMailToken } from '../../shared/mail/mail-token.js'
import { createTestApp, jsonRequest, ORIGIN, PAGE, postAsGuest } from '../helpers/test-app.js'
import { HOSTS, testNetwork } from '../webhooks/network.js'

const MODERATOR = 'private-moderator@blog.example'
// A Slack or Discord webhook's path is its credential: a public answer must never carry it.
const HOOK_URL = 'https://hooks.example/services/T000/B000/s3cr3t-path'

async function setup() {
  const t = await createTestApp({
    webhookNetwork: testNetwork(HOSTS).network,
    site: {
      moderation: 'pre',
      guests: { allowed: true, requireEmail: false },
      notifications: {
        moderatorEmails: [MODERATOR],
        webhooks: [{ id: 'team', url: HOOK_URL, events: ['comment.created'], format: 'slack' }],
      },
    },
  })
  return t
}

/** Everything an answer says: status, headers and body, as one string to search. */
const said = async (res: Response) => `${res.status} ${JSON.stringify([...res.headers])} ${await res.text()}`

const leaks = (text: string) => ({
  moderatorAddress: text.includes(MODERATOR) || text.includes('private-moderator'),
  webhookUrl: text.includes('s3cr3t-path') || text.includes('hooks.example'),
  secret: text.includes('whsec_'),
})
const NONE = { moderatorAddress: false, webhookUrl: false, secret: false }

describe('a site’s notification settings', () => {
  it('appear in no answer of a public route: lists, counts, providers, feedback, posts, problems', async () => {
    const t = await setup()
    const page = encodeURIComponent(PAGE)
    const posted = await postAsGuest(t.app, {
      notify: true,
      author: { name: 'Ada', email: 'ada@example.com' },
    })
    expect(posted.res.status).toBe(201)
    const browser = { headers: { Origin: ORIGIN } }
    const answers = await Promise.all([
      t.app.request(`/v1/sites/demo/comments?page=${page}`, browser),
      t.app.request(`/v1/sites/demo/counts?page=${page}`, browser),
      t.app.request('/v1/sites/demo/auth/providers', browser),
      t.app.request(`/v1/sites/demo/feedback?page=${page}`, browser),
      t.app.request(
        '/v1/sites/demo/feedback',
        jsonRequest('POST', { page: PAGE, vote: 'up', visitor: 'visitor-0001' }, { Origin: ORIGIN }),
      ),
      // Problems name what was wrong, never the site's settings.
      t.app.request('/v1/sites/demo/comments?page=https://elsewhere.example/', browser),
      t.app.request(`/v1/sites/demo/comments?page=${page}`, { headers: { Origin: 'https://evil.example' } }),
      t.app.request('/v1/admin/sites/demo'),
    ])
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 201, 403, 403, 401])
    const texts = [JSON.stringify(posted.body), ...(await Promise.all(answers.map(said)))]
    expect(texts.map(leaks)).toEqual(texts.map(() => NONE))
  })

  it('appear in no mail-link page, though the moderate link finds the moderator by address', async () => {
    const t = await setup()
    const { body } = await postAsGuest(t.app, { body: 'Held for review' })
    const token = await signMailToken(
      t.deps.keys,
      {
        purpose: 'moderate',
        siteId: 'demo',
        commentId: body.comment.id,
        action: 'approve',
        emailHash: keyedHash(t.deps.keys, 'email', MODERATOR),
      },
      t.clock(),
    )
    const link = `/v1/mail/moderate?token=${encodeURIComponent(token)}`
    const page = await t.app.request(link)
    expect(page.status).toBe(200)
    const done = await t.app.request(link, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(done.status).toBe(200)
    const texts = [await said(page), await said(done)]
    expect(texts.map(leaks)).toEqual([NONE, NONE])
  })

  it('are read back by the admin key with the webhook but never its secret', async () => {
    const t = await setup()
    const res = await t.app.request('/v1/admin/sites/demo', {
      headers: { Authorization: `Bearer ${t.adminKey}` },
    })
    expect(res.status).toBe(200)
    const text = await said(res)
    expect(leaks(text)).toEqual({ moderatorAddress: true, webhookUrl: true, secret: false })
  })
})
