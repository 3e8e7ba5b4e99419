import { randomBytes } from 'node:crypto'
import { html, raw } from 'hono/html'
import type { MailLinkDone, MailLinkView } from '../../shared/mail/mail-links.js'
import { fill, mailWords } from '../../shared/mail/mail-words.js'
import type { Page } from './auth-pages.js'

/**
 * No script, nothing from elsewhere: its own nonce'd style, and a form that may only post back
 * to this origin (the link's own URL).
 */
const cspFor = (nonce: string) =>
  [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' https:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ')

const layout = async (language: string, title: string, content: unknown): Promise<Page> => {
  const nonce = randomBytes(16).toString('base64')
  const body = await html`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title>
<style nonce="${nonce}">body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{font-size:1.25rem;margin:0 0 1rem}blockquote{margin:1rem 0;padding:.5rem 1rem;border-left:3px solid #ccc}button{font:inherit;padding:.6rem 1.2rem;cursor:pointer}
@media (prefers-color-scheme:dark){body{background:#15171a;color:#e8e8e8}}</style></head>
<body><main><h1>${title}</h1>${content}</main></body></html>`
  return { body: String(body), csp: cspFor(nonce) }
}

/** The page's one button: posts to this very URL (no `action`: the form's URL is the document's). */
const button = (label: string) => html`<form method="post"><button type="submit">${label}</button></form>`

/** What a mail link's GET shows: what following it would do, and one button that does it. */
export function mailLinkPage(view: MailLinkView): Promise<Page> {
  const { site } = view
  const words = mailWords(site.language)
  const values = { site: site.name }
  switch (view.purpose) {
    case 'confirm':
      return layout(
        site.language,
        site.name,
        html`<p>${fill(words.pageConfirmText, values)}</p>${button(words.confirmAction)}`,
      )
    case 'unsubscribe': {
      const text =
        view.token.kind === 'replies' ? words.pageUnsubscribeReplies : words.pageUnsubscribeModeration
      return layout(site.language, site.name, html`<p>${fill(text, values)}</p>${button(words.unsubscribe)}`)
    }
    case 'moderate': {
      const { comment } = view
      const name = comment.author?.name ?? words.someone
      // The comment's html is the server's own safe rendering.
      return layout(
        site.language,
        site.name,
        html`<p>${fill(words.pageModerateText, { ...values, name })}</p><p><small>${comment.pageUrl}</small></p>
<blockquote>${raw(comment.html)}</blockquote>${button(words[view.token.action])}`,
      )
    }
  }
}

/** What a mail link's POST answers: what was done. */
export function mailDonePage(done: MailLinkDone): Promise<Page> {
  const { site } = done.view
  const words = mailWords(site.language)
  const values = { site: site.name }
  let text: string
  if (done.purpose === 'moderate')
    text =
      done.status === 'published'
        ? words.pageApproved
        : done.status === 'spam'
          ? words.pageSpam
          : words.pageRejected
  else text = fill(done.purpose === 'confirm' ? words.pageConfirmDone : words.pageUnsubscribeDone, values)
  return layout(site.language, site.name, html`<p role="status">${text}</p>`)
}
