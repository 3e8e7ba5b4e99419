import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNotifierBase, createNotifierDeps } from '../../functions/notifier/create-notifier-deps.js'
import { SUBSCRIPTION_PREFIX } from '../../shared/db/item-keys.js'
import { createNotifierContext } from '../../shared/notifications/notifier-context.js'
import { runNotifier } from '../../shared/notifications/run-notifier.js'
import { signInWithGoogle } from '../helpers/google-sign-in.js'
import { type KeyServer, startKeyServer } from '../helpers/key-server.js'
import { bodyOf } from '../helpers/route-contract.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, jsonRequest, PAGE, postAsGuest } from '../helpers/test-app.js'
import { ofKind } from './notifier-harness.js'
import { recordingParts } from './recording-parts.js'
import { lambdaRecords } from './stream-records.js'

const subscriptionItems = async (t: Parameters<typeof tableItems>[0]) =>
  (await tableItems(t)).filter((i) => String(i.sk).startsWith(SUBSCRIPTION_PREFIX))

let ks: KeyServer
beforeAll(async () => {
  ks = await startKeyServer()
})
afterAll(() => ks.close())

async function signedInApp() {
  const t = await createTestApp({
    providerEndpoints: ks.endpoints,
    site: { providers: [{ id: 'google', type: 'google', clientId: 'g-client' }] },
  })
  const mail = recordingParts(t.deps.store, t.clock)
  const ctx = createNotifierContext(
    createNotifierDeps(
      createNotifierBase(t.config, { client: t.client, clock: t.clock, log: () => {} }),
      mail.parts,
    ),
  )
  const post = async (token: string, body: Record<string, unknown>) =>
    (
      await bodyOf(
        await t.app.request(
          '/v1/sites/demo/comments',
          jsonRequest('POST', { page: PAGE, ...body }, { Authorization: `Bearer ${token}` }),
        ),
        'postComment',
        201,
      )
    ).comment
  return { t, mail, ctx, post }
}

describe('signed-in readers and reply mail', () => {
  it('mails a verified reader of replies with no confirmation, by user id', async () => {
    const { t, mail, ctx, post } = await signedInApp()
    const { token, user } = await signInWithGoogle(t, ks, 'reader-1')
    const parent = await post(token, { body: 'Notify me', notify: true })
    const reply = await postAsGuest(t.app, {
      body: 'A guest answers',
      parentId: parent.id,
      author: { name: 'G', email: 'g@readers.example' },
    })
    expect(await runNotifier(ctx, await lambdaRecords(t))).toEqual({ batchItemFailures: [] })
    expect(ofKind(mail.delivered, 'confirmation-mail')).toEqual([])
    const mails = ofKind(mail.delivered, 'reply-mail')
    expect(mails).toHaveLength(1)
    expect(mails[0]).toMatchObject({
      to: 'reader-1@example.com',
      person: { userId: user.id },
      reply: { id: reply.body.comment.id },
    })
    // Their own reply to themselves mails nobody.
    await post(token, { body: 'Answering myself', parentId: parent.id })
    expect(await runNotifier(ctx, await lambdaRecords(t))).toEqual({ batchItemFailures: [] })
    expect(ofKind(mail.delivered, 'reply-mail')).toHaveLength(1)
  })

  it('mails no reply to a reader whose provider did not verify the address, and subscribes nobody', async () => {
    const { t, mail, ctx, post } = await signedInApp()
    const { token } = await signInWithGoogle(t, ks, 'reader-2', { email_verified: false })
    const parent = await post(token, { body: 'Notify me', notify: true })
    await postAsGuest(t.app, { body: 'An answer', parentId: parent.id, author: { name: 'G' } })
    expect(await runNotifier(ctx, await lambdaRecords(t))).toEqual({ batchItemFailures: [] })
    expect(mail.delivered).toEqual([])
    expect(await subscriptionItems(t)).toEqual([])
  })
})
