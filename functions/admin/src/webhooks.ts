// Webhooks: each of the site's webhooks with its failing state, its last deliveries and a button
// that sends a test event. Everything from the API reaches the DOM as text.
import { h } from '../../browser/dom.js'
import { api, sitePath } from './client.js'
import { $, announce, fail, when } from './page.js'
import { loads } from './state.js'
import type { DeliveryAttempt, WebhookInfo } from './types.js'

const ERRORS: Record<string, string | undefined> = {
  url: 'URL not allowed',
  dns: 'host does not resolve',
  address: 'host resolves to a private address',
  secret: 'no signing secret',
  timeout: 'timed out',
  network: 'connection failed',
  redirect: 'redirected (not followed)',
  status: 'error status',
}

/** What an attempt came to, in words: its status and why it failed. */
export const outcomeOf = (a: DeliveryAttempt) =>
  [
    a.status === null ? 'no answer' : `HTTP ${a.status}`,
    a.ok ? 'delivered' : ERRORS[a.error ?? ''] || a.error,
  ]
    .filter(Boolean)
    .join(' · ')

const attemptRow = (a: DeliveryAttempt) =>
  h(
    'tr',
    { class: a.ok ? 'ok' : 'failed' },
    h('td', null, when(a.at)),
    h('td', null, a.eventType),
    h('td', { class: 'number' }, String(a.attempt)),
    h('td', null, outcomeOf(a)),
    h('td', { class: 'number' }, `${a.durationMs} ms`),
  )

const deliveriesTable = (id: string, attempts: DeliveryAttempt[]) =>
  attempts.length === 0
    ? h('p', { class: 'empty' }, 'No deliveries yet.')
    : h(
        'table',
        { 'aria-label': `Last deliveries of ${id}` },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ...['When', 'Event', 'Attempt', 'Outcome', 'Took'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h('tbody', null, ...attempts.map(attemptRow)),
      )

/** One webhook's card: what it is, whether it is failing, its deliveries, the test button. */
export function renderWebhook(webhook: WebhookInfo, attempts: DeliveryAttempt[]): HTMLElement {
  const state = webhook.failing
    ? h(
        'li',
        { class: 'badge held' },
        webhook.failingSince ? `Failing since ${when(webhook.failingSince).textContent}` : 'Failing',
      )
    : h('li', { class: 'badge plain' }, 'OK')
  const card: HTMLElement = h(
    'section',
    { class: 'card webhook', 'aria-label': `Webhook ${webhook.id}`, 'data-webhook': webhook.id },
    h(
      'div',
      { class: 'panel-head' },
      h('h3', null, webhook.id),
      h(
        'button',
        {
          type: 'button',
          'aria-label': `Send test event to ${webhook.id}`,
          onclick: (event) => sendTest(webhook, card, event.currentTarget),
        },
        'Send test event',
      ),
    ),
    h(
      'p',
      { class: 'meta' },
      h('code', null, webhook.url),
      ` · ${webhook.format} · ${webhook.events.join(', ')}`,
    ),
    h('ul', { class: 'badges', 'aria-label': 'State' }, state),
    deliveriesTable(webhook.id, attempts),
  )
  return card
}

const deliveriesOf = async (id: string) =>
  (
    await api<{ deliveries: DeliveryAttempt[] }>(
      'GET',
      sitePath(`/webhooks/${encodeURIComponent(id)}/deliveries`),
    )
  ).deliveries

async function sendTest(webhook: WebhookInfo, card: HTMLElement, button: EventTarget | null): Promise<void> {
  if (button instanceof HTMLButtonElement) button.disabled = true
  try {
    const { delivery } = await api<{ delivery: DeliveryAttempt }>(
      'POST',
      sitePath(`/webhooks/${encodeURIComponent(webhook.id)}/test`),
    )
    const ok = delivery.ok
    const next = renderWebhook(ok ? { ...webhook, failing: false } : webhook, await deliveriesOf(webhook.id))
    card.replaceWith(next)
    announce(`Test event to ${webhook.id}: ${outcomeOf(delivery)}.`)
    next.querySelector('button')?.focus()
  } catch (error) {
    fail(error)
    if (button instanceof HTMLButtonElement) button.disabled = false
  }
}

const webhookLoads = loads()

export async function loadWebhooks(): Promise<void> {
  const current = webhookLoads()
  try {
    const site = await api<{ notifications?: { webhooks?: WebhookInfo[] } }>('GET', sitePath(''))
    const webhooks = site.notifications?.webhooks ?? []
    const cards = await Promise.all(webhooks.map(async (w) => renderWebhook(w, await deliveriesOf(w.id))))
    if (!current()) return
    $('webhooks-list').replaceChildren(...cards)
    $('webhooks-empty').hidden = webhooks.length > 0
  } catch (error) {
    if (current()) fail(error)
  }
}

export function wireWebhooks(): void {
  $('webhooks-refresh').addEventListener('click', () => loadWebhooks())
}
