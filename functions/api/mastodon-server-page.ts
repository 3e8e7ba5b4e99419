import { randomBytes } from 'node:crypto'
import { html } from 'hono/html'
import { cspFor, layout, type Page } from './auth-pages.js'

const STYLE = `label{display:block;font-weight:600;margin:1rem 0 .25rem}
input,select,button{font:inherit;padding:.5rem .6rem;border-radius:.4rem;border:1px solid #888;box-sizing:border-box}
input,select{width:100%}button{margin-top:1rem;background:#5b4be1;color:#fff;border-color:#5b4be1;cursor:pointer}
.hint{margin:.25rem 0 0;font-size:.9rem;opacity:.8}.error{color:#b3261e;font-weight:600}
@media (prefers-color-scheme:dark){input,select{background:#22252a;color:inherit}.error{color:#ff8a80}}`

/**
 * The Mastodon popup's first step: which server the reader's account lives on. A plain form posted
 * back to `start` (the only place this page's policy lets a form go, and the redirect to the server
 * it answers): no script, no picture, nothing from another origin. With the site's `servers`, a
 * choice among those; a refused server is shown again with why, next to the field.
 */
export async function mastodonServerPage(options: {
  providerName: string
  origin: string
  servers?: readonly string[] | undefined
  value?: string | undefined
  error?: string | undefined
  /** The problem's code when the page answers one, for tools reading the page. */
  problem?: string | undefined
  /** Test servers on loopback (the network dep's): origins the form's redirect may lead to as well. */
  loopbackServers?: Readonly<Record<string, string>> | undefined
}): Promise<Page> {
  const nonce = randomBytes(16).toString('base64')
  const { error, servers } = options
  const described = error ? 'server-error server-hint' : 'server-hint'
  const field = servers?.length
    ? html`<select id="server" name="server" required aria-describedby="${described}"${error ? html` aria-invalid="true"` : ''}>
${servers.map((s) => html`<option value="${s}"${s === options.value ? html` selected` : ''}>${s}</option>`)}
</select><p class="hint" id="server-hint">This site accepts accounts on these servers.</p>`
    : html`<input id="server" name="server" type="text" inputmode="url" autocomplete="url" autocapitalize="none"
 spellcheck="false" required maxlength="300" placeholder="mastodon.social" value="${options.value ?? ''}"
 aria-describedby="${described}"${error ? html` aria-invalid="true"` : ''} autofocus>
<p class="hint" id="server-hint">The address of your server, like mastodon.social (or your handle, @you@mastodon.social).</p>`
  const body = await layout(
    `Sign in with ${options.providerName}`,
    nonce,
    html`<style>${STYLE}</style><main${options.problem ? html` data-problem-code="${options.problem}"` : ''}><h1>Sign in with ${options.providerName}</h1>
<form method="post" action="start">
<input type="hidden" name="origin" value="${options.origin}">
<label for="server">Your Mastodon server</label>
${field}
${error ? html`<p class="error" id="server-error" role="alert">${error}</p>` : ''}
<button type="submit">Continue</button>
</form></main>`,
    '',
  )
  // The form goes back to the API only; its answer then redirects the popup to the reader's server.
  return {
    body: String(body),
    // A browser checks form-action on the redirect the form's answer is, too: the API, then the
    // reader's server (one of the listed ones, or any over https).
    csp: cspFor(nonce, {
      form: [
        "'self'",
        ...(servers?.length ? servers.map((s) => `https://${s}`) : ['https:']),
        ...Object.values(options.loopbackServers ?? {}),
      ],
    }),
    // Under the API's `no-referrer` a browser posts the form with `Origin: null`, which the site's
    // origin check refuses; `same-origin` sends the API's own origin, and still no referrer elsewhere.
    referrerPolicy: 'same-origin',
  }
}
