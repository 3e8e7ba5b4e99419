import type { Language } from '../languages.js'
import type { MailMessage } from './mail-message.js'

/** One part of a mail's content, rendered into both its text and its HTML. */
export type MailBlock =
  | { kind: 'text'; text: string }
  /** A comment: `html` is the server's safe rendering, `body` its Markdown source for the text part. */
  | { kind: 'comment'; author: string; html: string; body: string }
  /** A plain excerpt (escaped in HTML): a parent comment quoted under a reply. */
  | { kind: 'quote'; label: string; text: string }
  | { kind: 'buttons'; buttons: { label: string; href: string }[] }
  /** A one-time code the reader types in: big, spaced, alone on its line. */
  | { kind: 'code'; code: string }

export interface MailLayout {
  language: Language
  to: string
  from: string
  subject: string
  blocks: MailBlock[]
  /** Why the reader gets the mail, above the unsubscribe link. */
  footer: string
  /** Absent only for a mail the reader asked for just now (a sign-in code): nothing to stop. */
  unsubscribe?: { label: string; href: string }
}

const CONTROL = /[\p{Cc}\u2028\u2029]+/gu
const HAS_CONTROL = /[\p{Cc}\u2028\u2029]/u

/** Text fit for one header line: no line breaks or control characters (no header injection), bounded. */
export const oneLine = (value: string, max = 200) => {
  const line = value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

/** A plain excerpt of Markdown source: one paragraph, bounded. */
export const excerpt = (text: string, max = 300) => oneLine(text, max)

/** Text fit for HTML content and quoted attributes. */
export const escapeHtml = (value: string) =>
  value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')

/**
 * A link fit for a mail: absolute `https:` (or `http:`, local mode), nothing that could break out
 * of an attribute or a header.
 * @throws TypeError for anything else
 */
export function absoluteLink(value: string): string {
  const url = new URL(value)
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('mail links must be http(s)')
  return url.href
}

/**
 * An address for a header: no line breaks (no injected headers), bounded like RFC 5321's.
 * @throws TypeError for anything else
 */
function headerAddress(value: string): string {
  if (HAS_CONTROL.test(value) || value.length > 320 || !value.includes('@'))
    throw new TypeError('not a mail address fit for a header')
  return value
}

const BUTTON =
  'display:inline-block;margin:0 8px 8px 0;padding:10px 16px;border-radius:4px;background:#2b5797;color:#ffffff;text-decoration:none;font-weight:600'
const CODE = 'margin:16px 0;font:700 28px/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:6px'
const QUOTE = 'margin:12px 0;padding:8px 12px;border-left:3px solid #cccccc;color:#333333'

function textOf(block: MailBlock): string {
  switch (block.kind) {
    case 'text':
      return block.text
    case 'comment':
      return `${block.author}:\n${block.body
        .split(/\r?\n/)
        .map((line) => `> ${line}`)
        .join('\n')}`
    case 'quote':
      return `${block.label}:\n> ${block.text}`
    case 'buttons':
      return block.buttons.map((b) => `${b.label}: ${absoluteLink(b.href)}`).join('\n')
    case 'code':
      return `    ${block.code}`
  }
}

function htmlOf(block: MailBlock): string {
  switch (block.kind) {
    case 'text':
      return `<p>${escapeHtml(block.text)}</p>`
    case 'comment':
      // The comment's html is the server's own safe rendering (no raw HTML passes through it).
      return `<p><strong>${escapeHtml(block.author)}</strong></p><blockquote style="${QUOTE}">${block.html}</blockquote>`
    case 'quote':
      return `<p style="color:#666666">${escapeHtml(block.label)}</p><blockquote style="${QUOTE}">${escapeHtml(block.text)}</blockquote>`
    case 'buttons':
      return `<p>${block.buttons
        .map(
          (b) => `<a href="${escapeHtml(absoluteLink(b.href))}" style="${BUTTON}">${escapeHtml(b.label)}</a>`,
        )
        .join('')}</p>`
    case 'code':
      return `<p style="${CODE}">${escapeHtml(block.code)}</p>`
  }
}

/**
 * Renders a mail as Parley sends them all: a text and an HTML part with the same content, and the
 * RFC 8058 one-click unsubscribe headers. Everything but a comment's safe html is escaped.
 * @throws TypeError for a link that is not absolute http(s), or an address unfit for a header
 */
export function renderMail(layout: MailLayout): MailMessage {
  const unsubscribe = layout.unsubscribe && absoluteLink(layout.unsubscribe.href)
  const subject = oneLine(layout.subject)
  const footer = unsubscribe
    ? `${layout.footer}\n${layout.unsubscribe?.label}: ${unsubscribe}`
    : layout.footer
  const text = `${[...layout.blocks.map(textOf), `-- \n${footer}`].join('\n\n')}\n`
  const html = `<!doctype html><html lang="${layout.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:16px;font:15px/1.5 -apple-system,'Segoe UI',Roboto,sans-serif;color:#222222;background:#ffffff">
<div style="max-width:36rem;margin:0 auto">
${layout.blocks.map(htmlOf).join('\n')}
<hr style="border:0;border-top:1px solid #dddddd;margin:24px 0 12px">
<p style="font-size:13px;color:#666666">${escapeHtml(layout.footer)}${unsubscribe ? ` <a href="${escapeHtml(unsubscribe)}" style="color:#666666">${escapeHtml(layout.unsubscribe?.label ?? '')}</a>` : ''}</p>
</div></body></html>
`
  return {
    to: headerAddress(layout.to),
    from: headerAddress(layout.from),
    subject,
    text,
    html,
    headers: {
      ...(unsubscribe && {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      }),
      // RFC 3834: no vacation auto-replies to a notification.
      'Auto-Submitted': 'auto-generated',
    },
  }
}
