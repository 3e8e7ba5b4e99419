// The site's feedback export (one streamed CSV of every entry, one entry per visitor and page, so
// its votes are the page's counts), read back into each page's summary and its messages.

/** The rows of a CSV text: quoted cells may hold commas, doubled quotes and line breaks. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = []
  const row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch !== '"') cell += ch
      else if (text[i + 1] === '"') cell += text[i++]
      else quoted = false
    } else if (ch === '"') quoted = true
    else if (ch === ',' || ch === '\n') {
      row.push(cell)
      cell = ''
      if (ch === '\n') rows.push(row.splice(0))
    } else if (ch !== '\r') cell += ch
  }
  if (cell || row.length) rows.push([...row, cell])
  return rows
}

// What the export puts an apostrophe before, so that a spreadsheet never runs it as a formula.
const NEUTRALISED = ['=', '+', '-', '@', '\t', '\r']

/** A message as its reader wrote it, without the export's guard against formulas. */
export const asWritten = (cell: string) =>
  cell[0] === "'" && NEUTRALISED.includes(cell[1] ?? '') ? cell.slice(1) : cell

export interface FeedbackMessage {
  at: string
  vote: string
  text: string
  reasons: string[]
}

export interface PageFeedback {
  page: string
  up: number
  down: number
  /** The newest entry's time. */
  at: string
  messages: FeedbackMessage[]
}

const newestFirst = (a: { at: string }, b: { at: string }) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)

/** Each page's votes and messages, the page with the newest feedback first. */
export function feedbackByPage(csv: string): PageFeedback[] {
  const pages = new Map<string, PageFeedback>()
  for (const [at = '', page, vote = '', message, reasons] of csvRows(csv).slice(1)) {
    if (!page) continue
    const entry = pages.get(page) ?? { page, up: 0, down: 0, at: '', messages: [] }
    pages.set(page, entry)
    if (vote === 'up' || vote === 'down') entry[vote]++
    if (at > entry.at) entry.at = at
    if (message)
      entry.messages.push({ at, vote, text: asWritten(message), reasons: reasons ? reasons.split(' ') : [] })
  }
  const list = [...pages.values()].sort(newestFirst)
  for (const entry of list) entry.messages.sort(newestFirst)
  return list
}
