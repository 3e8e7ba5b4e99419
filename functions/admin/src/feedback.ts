// Page feedback: each page's votes and messages from the site's export; a message held by the spam
// checks says so. Messages reach the DOM as text only.
import { h } from '../../browser/dom.js'
import { send, sitePath } from './client.js'
import { type FeedbackMessage, feedbackByPage, type PageFeedback } from './feedback-csv.js'
import { $, announce, fail, pageLink, plural, when } from './page.js'
import { loads } from './state.js'

const VOTE_LABEL: Record<string, string | undefined> = { up: 'Helpful', down: 'Not helpful' }

function feedbackMessage(m: FeedbackMessage): HTMLLIElement {
  const held = m.reasons.length > 0
  const flags = [h('li', { class: 'badge plain' }, VOTE_LABEL[m.vote] || m.vote)]
  if (held) {
    flags.push(h('li', { class: 'badge held' }, 'Held as spam'))
    flags.push(...m.reasons.map((r) => h('li', { class: 'badge', title: `held because: ${r}` }, r)))
  }
  return h(
    'li',
    { class: `entry${held ? ' held' : ''}` },
    h(
      'div',
      { class: 'meta' },
      when(m.at),
      h('ul', { class: 'badges', 'aria-label': 'Vote and flags' }, ...flags),
    ),
    h('p', { class: 'message' }, m.text),
  )
}

/** The summary table (a page's votes, a link to its messages) and each page's messages. */
export function renderFeedback(pages: PageFeedback[]): void {
  const titled = pages.filter((p) => p.messages.length > 0).map((p, i) => ({ p, id: `feedback-page-${i}` }))
  const anchor = new Map(titled.map(({ p, id }) => [p.page, id]))
  const messagesLink = (p: PageFeedback) => {
    const id = anchor.get(p.page)
    return id ? h('a', { href: `#${id}` }, plural(p.messages.length, 'message')) : '–'
  }
  $('feedback-body').replaceChildren(
    ...pages.map((p) =>
      h(
        'tr',
        null,
        h('th', { scope: 'row' }, pageLink(p.page)),
        h('td', { class: 'number' }, String(p.up)),
        h('td', { class: 'number' }, String(p.down)),
        h('td', null, messagesLink(p)),
        h('td', null, when(p.at)),
      ),
    ),
  )
  $('feedback-messages').replaceChildren(
    ...titled.map(({ p, id }) =>
      h(
        'section',
        { class: 'feedback-page', id, 'aria-labelledby': `${id}-title`, tabindex: '-1' },
        h('h3', { id: `${id}-title` }, 'Messages on ', h('span', { class: 'page' }, p.page)),
        h('ol', { class: 'entries' }, ...p.messages.map(feedbackMessage)),
      ),
    ),
  )
  $('feedback-empty').hidden = pages.length > 0
}

const feedbackLoads = loads()

export async function loadFeedback(): Promise<void> {
  const current = feedbackLoads()
  const refresh = $('feedback-refresh', HTMLButtonElement)
  refresh.disabled = true
  try {
    const csv = await (await send('GET', sitePath('/feedback.csv'))).text()
    if (!current()) return
    const pages = feedbackByPage(csv)
    renderFeedback(pages)
    announce(`Feedback on ${plural(pages.length, 'page')}.`)
  } catch (error) {
    if (current()) fail(error)
  } finally {
    if (current()) refresh.disabled = false
  }
}

export function wireFeedback(): void {
  $('feedback-refresh').addEventListener('click', () => loadFeedback())
}
