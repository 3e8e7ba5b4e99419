import { randomBytes } from 'node:crypto'
import { html } from 'hono/html'
import { cspFor, layout, type Page } from './auth-pages.js'

const STYLE = `main label{display:block;font-weight:600;margin:1rem 0 .25rem}
main input{width:100%;box-sizing:border-box;font:inherit;padding:.5rem .6rem;border:1px solid #888;border-radius:.4rem}
main input.code{font:600 1.5rem/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.4rem}
main button{font:inherit;margin-top:1rem;padding:.5rem 1rem;border-radius:.4rem;border:1px solid #2b5797;background:#2b5797;color:#fff}
main button.secondary{background:none;color:inherit;border-color:#888}
main .hint{margin:.25rem 0 0;font-size:.9rem;opacity:.8}main .error{color:#b3261e;font-weight:600}
@media (prefers-color-scheme:dark){main input{background:#22252a;color:inherit}main .error{color:#ff8a80}}`

/** What went wrong with the last step: said next to its field, its problem code on the page for tools. */
export interface StepError {
  code: string
  detail: string
}

/** What every step's page says: whose sign-in it is, and what went wrong with the last try, if anything. */
interface StepOptions {
  providerName: string
  error?: StepError | undefined
}

/** A plain form posted back to the API: no script runs, and the policy lets forms go to the API only. */
async function formPage({ providerName, error }: StepOptions, content: unknown): Promise<Page> {
  const nonce = randomBytes(16).toString('base64')
  const title = `Sign in with ${providerName}`
  const body = await layout(
    title,
    nonce,
    html`<style>${STYLE}</style><main${error ? html` data-problem-code="${error.code}"` : ''}><h1>${title}</h1>${content}</main>`,
    '',
  )
  return { body: String(body), csp: cspFor(nonce, { form: ["'self'"] }) }
}

const invalid = (error: StepError | undefined, field: string) =>
  error
    ? html` aria-invalid="true" aria-describedby="${field}-error ${field}-hint"`
    : html` aria-describedby="${field}-hint"`
const errorFor = (error: StepError | undefined, field: string) =>
  error ? html`<p class="error" id="${field}-error" role="alert">${error.detail}</p>` : ''

/**
 * The e-mail popup's first step: the reader's address (and the name their comments will show),
 * posted to `code`, which mails the code. The address goes into no page: only into the encrypted
 * cookie of the flow.
 */
export const emailAddressPage = (options: StepOptions) =>
  formPage(
    options,
    html`<form method="post" action="code">
<label for="email">Your e-mail address</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="254" autofocus${invalid(options.error, 'email')}>
<p class="hint" id="email-hint">We mail you a six-digit code. Your address is never shown with your comments.</p>
${errorFor(options.error, 'email')}
<label for="name">Your name</label>
<input id="name" name="name" type="text" autocomplete="name" maxlength="80" aria-describedby="name-hint">
<p class="hint" id="name-hint">Shown with your comments (optional).</p>
<button type="submit">Send me a code</button>
</form>`,
  )

/** The second step: the six digits from the mail, posted to `verify`; or a new code to the same address. */
export const emailCodePage = (options: StepOptions) =>
  formPage(
    options,
    html`<p role="status">We sent a six-digit code to the address you gave. It is good for 10 minutes.</p>
<form method="post" action="verify">
<label for="code">Code from the e-mail</label>
<input id="code" class="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}"
 required maxlength="6" autofocus${invalid(options.error, 'code')}>
<p class="hint" id="code-hint">Six digits.</p>
${errorFor(options.error, 'code')}
<button type="submit">Sign in</button>
</form>
<form method="post" action="code"><input type="hidden" name="resend" value="1">
<button type="submit" class="secondary">Send a new code</button></form>`,
  )
