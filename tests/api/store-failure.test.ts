import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startDynamoDbLocal } from '../../functions/api/local/dynamodb-local.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, listComments, postAsGuest } from '../helpers/test-app.js'

describe('when the store fails', () => {
  it('answers 503 unavailable with Retry-After within 3 s while DynamoDB is down, then recovers intact', {
    timeout: 90_000,
  }, async () => {
    const dbPath = await mkdtemp(join(tmpdir(), 'parley-ddb-'))
    let dynamo = await startDynamoDbLocal({ dbPath })
    try {
      const t = await createTestApp({ endpoint: dynamo.endpoint })
      await postAsGuest(t.app, { body: 'before the outage' })
      const inFlight = Array.from({ length: 20 }, (_, i) => postAsGuest(t.app, { body: `during ${i}` }))
      await dynamo.stop()
      await Promise.allSettled(inFlight)

      for (const request of [() => postAsGuest(t.app, { body: 'while down' }), () => listComments(t.app)]) {
        const started = performance.now()
        const { res, problem: body } = await request()
        expect(performance.now() - started).toBeLessThan(3000)
        expect(res.status).toBe(503)
        expect(body.code).toBe('unavailable')
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
        expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|Error|127\.0\.0\.1/)
      }

      dynamo = await startDynamoDbLocal({ dbPath, port: dynamo.port })
      expect((await postAsGuest(t.app, { body: 'after the outage' })).res.status).toBe(201)
      const { body } = await listComments(
        t.app,
        `page=${encodeURIComponent('https://blog.example/2026/hello-world')}&limit=200`,
      )
      // Nothing half-written: every comment stored is listed, and the count matches the list.
      const stored = (await tableItems(t)).filter((i) => String(i.pk).includes('#C#'))
      expect(body.comments).toHaveLength(stored.length)
      expect(body.page.commentCount).toBe(stored.length)
      expect(body.comments.map((c: { html: string }) => c.html)).toContain('<p>after the outage</p>')
    } finally {
      await dynamo.stop()
      await rm(dbPath, { recursive: true, force: true })
    }
  })

  it('answers 503 unavailable when DynamoDB throttles every attempt', async () => {
    const t = await createTestApp()
    let attempts = 0
    // Fault injection: the only place the SDK is stubbed. Every attempt is answered as throttled.
    t.client.middlewareStack.add(
      () => async () => {
        attempts++
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
          name: 'ProvisionedThroughputExceededException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        })
      },
      { step: 'finalizeRequest', priority: 'low' },
    )
    const { res, problem: body } = await postAsGuest(t.app)
    expect(res.status).toBe(503)
    expect(body.code).toBe('unavailable')
    expect(attempts).toBeGreaterThan(1)
    expect(JSON.stringify(body)).not.toContain('Throughput')
  })
})
