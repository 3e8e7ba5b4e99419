import { randomBytes } from 'node:crypto'
import { html, raw } from 'hono/html'

/** JSON safe inside a <script> element. */
const scriptJson = (value: unknown) =>
  raw(JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026'))

export interface Page {
  body: string
  csp: string
  /** A page whose form posts to the API: `same-origin`, so the POST carries its Origin (see below). */
  referrerPolicy?: 'same-origin'
}

/** The popup pages' policy: nothing but their own nonce'd script; a form only where `form` says where it may go. */
export const cspFor = (
  nonce: string,
  extra: { script?: string[]; connect?: string[]; frame?: string[]; form?: string[] } = {},
) =>
  [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' ${(extra.script ?? []).join(' ')}`.trim(),
    `connect-src 'self' ${(extra.connect ?? []).join(' ')}`.trim(),
    `frame-src ${(extra.frame ?? ["'none'"]).join(' ')}`,
    "style-src 'unsafe-inline'",
    "img-src 'self' https:",
    "base-uri 'none'",
    `form-action ${(extra.form ?? ["'none'"]).join(' ')}`,
    "frame-ancestors 'none'",
  ].join('; ')

/** A popup page: its title, content and the script that runs with `nonce`. */
export const layout = (
  title: string,
  nonce: string,
  content: unknown,
  script: unknown,
) => html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#222}
@media (prefers-color-scheme:dark){body{background:#15171a;color:#e8e8e8}}</style></head>
<body>${content}<script nonce="${nonce}">${script}</script></body></html>`

/**
 * The popup's last page: hands the session to the widget that opened it, on its exact origin only.
 */
export async function sessionHandoffPage(targetOrigin: string, message: unknown): Promise<Page> {
  const nonce = randomBytes(16).toString('base64')
  const body = await layout(
    'Signed in',
    nonce,
    html`<p>You are signed in. You can close this window.</p>`,
    html`const message = ${scriptJson(message)};
if (window.opener) window.opener.postMessage(message, ${scriptJson(targetOrigin)});
window.close();`,
  )
  return { body: String(body), csp: cspFor(nonce) }
}

/** The popup page when signing in failed: says why; the opener sees the popup close unsigned. */
export async function signInFailedPage(detail: string, code: string): Promise<Page> {
  const nonce = randomBytes(16).toString('base64')
  const body = await layout(
    'Sign-in failed',
    nonce,
    // The problem's code, for scripts and tests: the page is what a person reads instead of problem+json.
    html`<h1 data-problem-code="${code}">Sign-in failed</h1><p>${detail}</p><p><button id="close" type="button">Close</button></p>`,
    html`document.getElementById('close').onclick = () => window.close();`,
  )
  return { body: String(body), csp: cspFor(nonce) }
}

/**
 * Facebook's callback: its ID token arrives in the URL fragment, which never reaches a server, so
 * this page posts it back (same origin, with the flow cookie) and hands the session to the opener.
 */
export async function fragmentReaderPage(): Promise<Page> {
  const nonce = randomBytes(16).toString('base64')
  const body = await layout(
    'Signing in…',
    nonce,
    html`<p id="status" role="status">Signing in…</p>`,
    html`const status = document.getElementById('status');
const params = new URLSearchParams(location.hash.slice(1));
history.replaceState(null, '', location.pathname);
(async () => {
  const res = await fetch(location.pathname, { method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ state: params.get('state') || '', idToken: params.get('id_token') || '' }) });
  const body = await res.json();
  if (!res.ok) { status.textContent = body.detail || 'Sign-in failed'; return; }
  window.opener?.postMessage(body.message, body.origin);
  window.close();
})();`,
  )
  return { body: String(body), csp: cspFor(nonce) }
}

/** Where each social provider's own sign-in script comes from, and what it needs to reach. */
const SOCIAL_SCRIPTS = {
  google: { src: 'https://accounts.google.com/gsi/client', origins: ['https://accounts.google.com'] },
  apple: {
    src: 'https://appleid.cdn-apple.com/appleauth/static/jsapi/appleid/1/en_US/appleid.auth.js',
    origins: ['https://appleid.cdn-apple.com', 'https://appleid.apple.com'],
  },
  microsoft: {
    src: 'https://alcdn.msauth.net/browser/2.38.3/js/msal-browser.min.js',
    origins: ['https://alcdn.msauth.net', 'https://login.microsoftonline.com'],
  },
} as const

/**
 * The popup page of Google, Apple and Microsoft: their own sign-in script runs on the API's origin
 * (the origin registered with them), and the ID token it returns is exchanged at `auth/token`.
 */
export async function socialSignInPage(options: {
  type: keyof typeof SOCIAL_SCRIPTS
  providerId: string
  providerName: string
  clientId: string
  tokenUrl: string
  redirectUri: string
  targetOrigin: string
}): Promise<Page> {
  const nonce = randomBytes(16).toString('base64')
  const script = SOCIAL_SCRIPTS[options.type]
  const config = { ...options, origins: undefined }
  const body = await layout(
    `Sign in with ${options.providerName}`,
    nonce,
    html`<h1>Sign in with ${options.providerName}</h1><div id="button"></div><p id="status" role="status"></p>
<script nonce="${nonce}" src="${script.src}"></script>`,
    html`const config = ${scriptJson(config)};
const status = document.getElementById('status');
async function exchange(idToken) {
  status.textContent = 'Signing in…';
  const res = await fetch(config.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ provider: config.providerId, idToken }) });
  const body = await res.json();
  if (!res.ok) { status.textContent = body.detail || 'Sign-in failed'; return; }
  window.opener?.postMessage({ type: 'parley:session', token: body.token, user: body.user }, config.targetOrigin);
  window.close();
}
window.addEventListener('load', async () => {
  try {
    if (config.type === 'google') {
      google.accounts.id.initialize({ client_id: config.clientId, callback: (r) => exchange(r.credential) });
      google.accounts.id.renderButton(document.getElementById('button'), { theme: 'outline', size: 'large' });
    } else if (config.type === 'apple') {
      AppleID.auth.init({ clientId: config.clientId, scope: 'name email', redirectURI: config.redirectUri, usePopup: true });
      const r = await AppleID.auth.signIn();
      await exchange(r.authorization.id_token);
    } else {
      const msal = new window.msal.PublicClientApplication({ auth: { clientId: config.clientId,
        authority: 'https://login.microsoftonline.com/common', redirectUri: config.redirectUri } });
      await msal.initialize();
      const r = (await msal.handleRedirectPromise()) || (await msal.loginRedirect({ scopes: ['openid', 'profile', 'email'] }));
      if (r && r.idToken) await exchange(r.idToken);
    }
  } catch (err) { status.textContent = 'Sign-in was cancelled or failed.'; }
});`,
  )
  return {
    body: String(body),
    csp: cspFor(nonce, { script: [script.src], connect: [...script.origins], frame: [...script.origins] }),
  }
}
