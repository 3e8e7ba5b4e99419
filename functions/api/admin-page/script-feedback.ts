/**
 * Browser code of the moderation page, part 4: page feedback. The site's feedback export (one
 * streamed CSV of every entry, one entry per visitor and page, so its votes are the page's counts)
 * becomes each page's summary and its messages; a message held by the spam checks says so.
 * Messages reach the DOM as text only. Plain ES2020 in a string, like the other parts (no template
 * literals, no backslashes).
 */
export const FEEDBACK_SCRIPT = `
const VOTE_LABEL = { up: 'Helpful', down: 'Not helpful' }
const LF = String.fromCharCode(10)
const CR = String.fromCharCode(13)
// What the export puts an apostrophe before, so that a spreadsheet never runs it as a formula.
const NEUTRALISED = ['=', '+', '-', '@', String.fromCharCode(9), CR]

/** The rows of a CSV text: quoted cells may hold commas, doubled quotes and line breaks. */
function csvRows(text) {
  const rows = []
  let row = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch !== '"') cell += ch
      else if (text[i + 1] === '"') cell += text[i++]
      else quoted = false
    } else if (ch === '"') quoted = true
    else if (ch === ',' || ch === LF) {
      row.push(cell)
      cell = ''
      if (ch === LF) rows.push(row.splice(0))
    } else if (ch !== CR) cell += ch
  }
  if (cell || row.length) rows.push([...row, cell])
  return rows
}

/** A message as its reader wrote it, without the export's guard against formulas. */
const asWritten = (cell) => (cell[0] === "'" && NEUTRALISED.includes(cell[1]) ? cell.slice(1) : cell)
const newestFirst = (a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)

/** Each page's votes and messages, the page with the newest feedback first. */
function feedbackByPage(csv) {
  const pages = new Map()
  for (const [at, page, vote, message, reasons] of csvRows(csv).slice(1)) {
    if (!page) continue
    if (!pages.has(page)) pages.set(page, { page, up: 0, down: 0, at: '', messages: [] })
    const entry = pages.get(page)
    if (vote === 'up' || vote === 'down') entry[vote]++
    if (at > entry.at) entry.at = at
    if (message) entry.messages.push({ at, vote, text: asWritten(message), reasons: reasons ? reasons.split(' ') : [] })
  }
  const list = [...pages.values()].sort(newestFirst)
  for (const entry of list) entry.messages.sort(newestFirst)
  return list
}

function feedbackMessage(m) {
  const held = m.reasons.length > 0
  const flags = [h('li', { class: 'badge plain' }, VOTE_LABEL[m.vote] || m.vote)]
  if (held) {
    flags.push(h('li', { class: 'badge held' }, 'Held as spam'))
    flags.push(...m.reasons.map((r) => h('li', { class: 'badge', title: 'held because: ' + r }, r)))
  }
  return h('li', { class: 'entry' + (held ? ' held' : '') },
    h('div', { class: 'meta' }, when(m.at), h('ul', { class: 'badges', 'aria-label': 'Vote and flags' }, flags)),
    h('p', { class: 'message' }, m.text))
}

function renderFeedback(pages) {
  const titled = pages.filter((p) => p.messages.length > 0).map((p, i) => ({ p, id: 'feedback-page-' + i }))
  const anchor = new Map(titled.map(({ p, id }) => [p.page, id]))
  $('feedback-body').replaceChildren(...pages.map((p) => h('tr', null,
    h('th', { scope: 'row' }, pageLink(p.page)),
    h('td', { class: 'number' }, String(p.up)),
    h('td', { class: 'number' }, String(p.down)),
    h('td', null, anchor.has(p.page) ? h('a', { href: '#' + anchor.get(p.page) }, plural(p.messages.length, 'message')) : '–'),
    h('td', null, when(p.at)))))
  $('feedback-messages').replaceChildren(...titled.map(({ p, id }) =>
    h('section', { class: 'feedback-page', id, 'aria-labelledby': id + '-title', tabindex: '-1' },
      h('h3', { id: id + '-title' }, 'Messages on ', h('span', { class: 'page' }, p.page)),
      h('ol', { class: 'entries' }, p.messages.map(feedbackMessage)))))
  $('feedback-empty').hidden = pages.length > 0
}

async function loadFeedback() {
  const site = state.site
  const refresh = $('feedback-refresh')
  refresh.disabled = true
  try {
    const csv = await (await send('GET', sitePath('/feedback.csv'))).text()
    if (site !== state.site || state.view !== 'feedback') return
    const pages = feedbackByPage(csv)
    renderFeedback(pages)
    announce('Feedback on ' + plural(pages.length, 'page') + '.')
  } catch (error) {
    fail(error)
  } finally {
    refresh.disabled = false
  }
}
$('feedback-refresh').addEventListener('click', () => loadFeedback())
`
