import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { startLocalNotifier } from '../../functions/notifier/local-notifier.js'
import { createLocalMailer } from '../../shared/mail/local-mailer.js'
import { createTestApp, type TestAppOptions } from '../helpers/test-app.js'

/** The origin mail links are made on (the test app answers any host). */
export const API_ORIGIN = 'http://localhost:8787'

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()))
})

/** Stopped after the test, with the notifiers: SMTP servers, receivers. */
export const afterTest = (stop: () => Promise<void>) => void stops.push(stop)

/**
 * The test app with the notifier as `npm start` runs it, every part real: DynamoDB Local's stream
 * read by the poller, M's repositories, composers and local mailer (SMTP to `smtpUrl`, else the
 * `.eml` outbox of a fresh data dir), W's timer retry queue and deliveries, links on {@link API_ORIGIN}.
 * The clock starts at real time (webhook signatures expire) and is moved by hand.
 */
export async function createWiredApp(options: TestAppOptions & { smtpUrl?: string } = {}) {
  const t = await createTestApp({ clockStart: Date.now(), ...options })
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-wired-'))
  const logs: unknown[][] = []
  const log = (...entry: unknown[]) => void logs.push(entry)
  const notifier = startLocalNotifier({
    config: t.config,
    client: t.client,
    streamArn: t.streamArn,
    apiOrigin: API_ORIGIN,
    mailer: createLocalMailer({ smtpUrl: options.smtpUrl, dataDir }, log),
    log,
    from: 'TRIM_HORIZON',
    intervalMs: 50,
    clock: t.clock,
  })
  afterTest(async () => {
    await notifier.stop()
    await rm(dataDir, { recursive: true, force: true })
  })
  await notifier.ready
  return { ...t, notifier, dataDir, notifierLogs: logs }
}

export type WiredApp = Awaited<ReturnType<typeof createWiredApp>>

/** A mail link followed as its page's button (or a mail provider's one-click) does: a form POST. */
export const postForm = (body = ''): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body,
})

/** Waits until the async `check` answers something truthy (the poller works in the background), failing after `ms`. */
export async function eventuallyAsync<T>(
  check: () => Promise<T | undefined | false>,
  ms = 8_000,
): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > until) throw new Error('the condition did not hold in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
