// @vitest-environment happy-dom
// The moderation page's webhooks panel (functions/admin/src/webhooks.ts) in the page's real shell,
// its API answered by a fetch stand-in (the Chromium suite drives the page against the real API).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { state } from '../../../functions/admin/src/state.js'
import type { DeliveryAttempt, WebhookInfo } from '../../../functions/admin/src/types.js'
import { showView } from '../../../functions/admin/src/views.js'
import { loadWebhooks, outcomeOf, renderWebhook } from '../../../functions/admin/src/webhooks.js'
import { loadShell } from './shell.js'

const attempt = (overrides: Partial<DeliveryAttempt> = {}): DeliveryAttempt => ({
  messageId: 'msg_1',
  eventType: 'comment.created',
  attempt: 1,
  at: '2026-11-27T12:00:00.000Z',
  ok: true,
  status: 204,
  durationMs: 42,
  error: null,
  ...overrides,
})
const webhook = (overrides: Partial<WebhookInfo> = {}): WebhookInfo => ({
  id: 'h1',
  url: 'https://hooks.example/in',
  events: ['comment.created'],
  format: 'standard',
  ...overrides,
})

/** Answers the page's requests by method and path; records them. */
function stubApi(answers: Record<string, unknown>) {
  const calls: string[] = []
  vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
    const key = `${init.method ?? 'GET'} ${path}`
    calls.push(key)
    if (!(key in answers)) return new Response('{"detail":"no such route"}', { status: 404 })
    return new Response(JSON.stringify(answers[key]), { headers: { 'Content-Type': 'application/json' } })
  })
  return calls
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}

beforeEach(async () => {
  await loadShell()
  state.cred = { kind: 'admin', token: 'k' }
  state.site = { id: 'demo', name: 'Demo' }
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the webhooks panel', () => {
  it('shows each webhook with its failing state and last deliveries, every value as text', () => {
    const card = renderWebhook(
      webhook({
        id: 'h<b>1</b>',
        url: 'https://x.example/<img src=x onerror=pwned=1>',
        failing: true,
        failingSince: '2026-11-26T12:00:00.000Z',
      }),
      [
        attempt({ ok: false, status: 500, error: 'status', attempt: 2 }),
        attempt({ ok: false, status: null, error: 'address' }),
      ],
    )
    expect(card.querySelector('h3')?.textContent).toBe('h<b>1</b>')
    expect(card.querySelector('code')?.textContent).toBe('https://x.example/<img src=x onerror=pwned=1>')
    expect(card.querySelector('.badge')?.textContent).toMatch(/^Failing since /)
    expect([...card.querySelectorAll('tbody tr')].map((r) => r.children[3]?.textContent)).toEqual([
      'HTTP 500 · error status',
      'no answer · host resolves to a private address',
    ])
    expect(card.querySelectorAll('img, b').length).toBe(0)
    expect(card.querySelector('button')?.getAttribute('aria-label')).toBe('Send test event to h<b>1</b>')
  })

  it('loads the site’s webhooks and their deliveries when its tab is chosen', async () => {
    const calls = stubApi({
      'GET /v1/admin/sites/demo': { notifications: { webhooks: [webhook(), webhook({ id: 'h2' })] } },
      'GET /v1/admin/sites/demo/webhooks/h1/deliveries': { deliveries: [attempt()] },
      'GET /v1/admin/sites/demo/webhooks/h2/deliveries': { deliveries: [] },
    })
    showView('webhooks')
    await flush()
    expect(document.getElementById('panel-webhooks')?.hidden).toBe(false)
    expect(document.getElementById('panel-queue')?.hidden).toBe(true)
    const cards = [...document.querySelectorAll<HTMLElement>('#webhooks-list [data-webhook]')]
    expect(cards.map((c) => c.dataset.webhook)).toEqual(['h1', 'h2'])
    expect(cards[0]?.querySelector('.badge')?.textContent).toBe('OK')
    expect(cards[0]?.querySelectorAll('tbody tr')).toHaveLength(1)
    expect(cards[1]?.querySelector('.empty')?.textContent).toBe('No deliveries yet.')
    expect(document.getElementById('webhooks-empty')?.hidden).toBe(true)
    expect(calls).toContain('GET /v1/admin/sites/demo/webhooks/h2/deliveries')
  })

  it('says so when the site has no webhooks', async () => {
    stubApi({ 'GET /v1/admin/sites/demo': { notifications: { webhooks: [] } } })
    await loadWebhooks()
    expect(document.getElementById('webhooks-empty')?.hidden).toBe(false)
    expect(document.getElementById('webhooks-list')?.children).toHaveLength(0)
  })

  it('sends a test event, announces its outcome and shows it in the deliveries; a success clears failing', async () => {
    const calls = stubApi({
      'GET /v1/admin/sites/demo': { notifications: { webhooks: [webhook({ failing: true })] } },
      'GET /v1/admin/sites/demo/webhooks/h1/deliveries': { deliveries: [] },
      'POST /v1/admin/sites/demo/webhooks/h1/test': { delivery: attempt({ eventType: 'webhook.test' }) },
    })
    await loadWebhooks()
    expect(document.querySelector('[data-webhook=h1] .badge')?.textContent).toBe('Failing')
    stubApi({
      'POST /v1/admin/sites/demo/webhooks/h1/test': { delivery: attempt({ eventType: 'webhook.test' }) },
      'GET /v1/admin/sites/demo/webhooks/h1/deliveries': {
        deliveries: [attempt({ eventType: 'webhook.test' })],
      },
    })
    document.querySelector<HTMLButtonElement>('[aria-label="Send test event to h1"]')?.click()
    await flush()
    expect(document.getElementById('status')?.textContent).toBe('Test event to h1: HTTP 204 · delivered.')
    const card = document.querySelector('[data-webhook=h1]')
    expect(card?.querySelector('.badge')?.textContent).toBe('OK')
    expect(card?.querySelector('tbody td:nth-child(2)')?.textContent).toBe('webhook.test')
    expect(calls[0]).toBe('GET /v1/admin/sites/demo')
  })

  it('shows the API’s problem when the test cannot be sent, and lets it be tried again', async () => {
    stubApi({
      'GET /v1/admin/sites/demo': { notifications: { webhooks: [webhook()] } },
      'GET /v1/admin/sites/demo/webhooks/h1/deliveries': { deliveries: [] },
    })
    await loadWebhooks()
    const button = document.querySelector<HTMLButtonElement>('[aria-label="Send test event to h1"]')
    button?.click()
    await flush()
    expect(document.getElementById('alert')?.textContent).toBe('no such route')
    expect(button?.disabled).toBe(false)
  })

  it('words each outcome', () => {
    expect(outcomeOf(attempt({ ok: false, status: 307, error: 'redirect' }))).toBe(
      'HTTP 307 · redirected (not followed)',
    )
    expect(outcomeOf(attempt({ ok: false, status: null, error: 'timeout' }))).toBe('no answer · timed out')
  })
})
