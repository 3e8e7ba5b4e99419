import { once } from 'node:events'
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_MODERATOR } from '../../functions/api/local/demo-site.js'
import { type LocalServer, processesUsing, startLocal } from '../helpers/local-server.js'
import { bodyOf } from '../helpers/route-contract.js'
import { linkIn, type SmtpSink, startSmtpSink } from '../notifications/smtp-sink.js'

// The issue's "done when": `npm start`, a pending comment, a mail (in DATA_DIR/outbox, or at the
// SMTP_URL server) whose approve button publishes it; Ctrl-C then leaves nothing running.
const running: LocalServer[] = []
const sinks: SmtpSink[] = []
afterAll(async () => {
  for (const { child, dataDir } of running) {
    if (child.exitCode === null) child.kill('SIGKILL')
    await rm(dataDir, { recursive: true, force: true })
  }
  for (const sink of sinks) await sink.close()
})

/** The demo site set to hold every comment for review, as a moderator would set it. */
async function holdEveryComment({ url, dataDir }: LocalServer) {
  const adminKey = (await readFile(join(dataDir, 'admin-key'), 'utf8')).trim()
  const auth = { Authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }
  const site = await bodyOf(await fetch(`${url}/v1/admin/sites/demo`, { headers: auth }), 'getSite', 200)
  expect(site.notifications.moderatorEmails).toEqual([DEMO_MODERATOR])
  const res = await fetch(`${url}/v1/admin/sites/demo`, {
    method: 'PUT',
    headers: auth,
    body: JSON.stringify({ ...site, moderation: 'pre' }),
  })
  expect(res.status).toBe(200)
}

async function postHeld({ url }: LocalServer, body: string) {
  const res = await fetch(`${url}/v1/sites/demo/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ page: `${url}/`, body, author: { name: 'Ada' } }),
  })
  expect(res.status).toBe(201)
}

const listed = async ({ url }: LocalServer) =>
  (
    await bodyOf(
      await fetch(`${url}/v1/sites/demo/comments?page=${encodeURIComponent(`${url}/`)}`),
      'listComments',
      200,
    )
  ).comments.map((c) => c.html)

async function until<T>(check: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > end) throw new Error('the condition did not hold in time')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Approve link: on the local server's origin; GET publishes nothing, POST publishes. */
async function approve(server: LocalServer, link: string, body: string) {
  expect(link.startsWith(`${server.url}/v1/mail/moderate?token=`)).toBe(true)
  expect((await fetch(link)).status).toBe(200)
  expect(await listed(server)).toEqual([])
  const done = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  })
  expect(done.status).toBe(200)
  expect(await listed(server)).toEqual([`<p>${body}</p>`])
}

async function stop({ child, dataDir }: LocalServer) {
  child.kill('SIGTERM')
  const [code] = await once(child, 'exit')
  expect(code).toBe(0)
  expect(processesUsing(dataDir)).toBe('')
}

describe('npm start mails moderators', () => {
  it('writes a held comment’s moderator mail to DATA_DIR/outbox, or sends it to SMTP_URL; its approve link publishes', {
    timeout: 120_000,
  }, async () => {
    const sink = await startSmtpSink()
    sinks.push(sink)
    const [outbox, smtp] = await Promise.all([startLocal(), startLocal({ SMTP_URL: sink.url })])
    running.push(outbox, smtp)
    for (const server of [outbox, smtp]) await holdEveryComment(server)

    await postHeld(outbox, 'Held, to the outbox')
    const dir = join(outbox.dataDir, 'outbox')
    const file = await until(async () =>
      (await readdir(dir).catch(() => [] as string[])).find((n) => n.endsWith('.eml')),
    )
    const fromOutbox = await simpleParser(await readFile(join(dir, file)))
    expect(outbox.output()).toContain('mail written to the outbox')
    await approve(outbox, linkIn(fromOutbox, 'Approve'), 'Held, to the outbox')

    await postHeld(smtp, 'Held, by SMTP')
    const mail = await until(async () => sink.mails[0])
    expect(mail.to).toEqual([DEMO_MODERATOR])
    await approve(smtp, linkIn(mail.parsed, 'Approve'), 'Held, by SMTP')
    expect(await readdir(join(smtp.dataDir, 'outbox')).catch(() => [])).toEqual([])

    for (const server of [outbox, smtp]) await stop(server)
  })
})
