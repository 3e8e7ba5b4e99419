import { html, raw } from 'hono/html'
import { ADMIN_STYLE } from './admin-style.js'

/**
 * The page's policy: only its own nonce'd script and style run, it talks only to its own origin,
 * no page may frame it, and its forms post nowhere else.
 */
export const adminPageCsp = (nonce: string) =>
  [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' https:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ')

const VIEWS = [
  ['pending', 'Pending'],
  ['spam', 'Spam'],
  ['published', 'Published'],
  ['rejected', 'Rejected'],
  ['deleted', 'Deleted'],
  ['feedback', 'Feedback'],
  ['bans', 'Bans'],
  ['audit', 'Audit log'],
  ['webhooks', 'Webhooks'],
] as const

const PANELS: readonly string[] = ['feedback', 'bans', 'audit', 'webhooks']
const panelOf = (view: string) => (PANELS.includes(view) ? `panel-${view}` : 'panel-queue')

const tabs = VIEWS.map(
  ([id, label]) =>
    html`<button type="button" role="tab" id="tab-${id}" data-view="${id}" aria-controls="${panelOf(id)}" aria-selected="false" tabindex="-1">${label}</button>`,
)

const signIn = html`<section id="sign-in" aria-labelledby="sign-in-title">
<h2 id="sign-in-title">Sign in</h2>
<div class="sign-in">
<form id="key-form" class="card" autocomplete="off"><h3>Administrator</h3>
<div class="field"><label for="admin-key">Admin key</label>
<input id="admin-key" type="password" required autocomplete="current-password" spellcheck="false"></div>
<p class="hint">Kept in this tab only (session storage) until you sign out.</p>
<button type="submit" class="primary">Sign in with the admin key</button></form>
<div class="card"><h3>Moderator</h3>
<form id="mod-form"><div class="field"><label for="mod-site">Site id</label>
<input id="mod-site" required pattern="[a-z0-9\\-]{2,64}" autocomplete="off" spellcheck="false"></div>
<button type="submit">Show sign-in options</button></form>
<ul id="providers" class="providers" aria-label="Sign-in providers"></ul>
<details><summary>Use a session token instead</summary>
<form id="token-form"><div class="field"><label for="mod-token">Session token</label>
<input id="mod-token" type="password" required autocomplete="off" spellcheck="false"></div>
<p class="hint">From <code>POST /v1/sites/{site}/auth/token</code>, for the site id above.</p>
<button type="submit">Sign in with the token</button></form></details></div>
</div></section>`

const queuePanel = html`<div id="panel-queue" role="tabpanel" aria-labelledby="tab-pending">
<div class="toolbar" role="toolbar" aria-label="Bulk actions" aria-controls="rows">
<label><input type="checkbox" id="select-all"> Select all</label>
<span id="selected-count" class="count"></span><span id="bulk-buttons" class="actions"></span>
<span class="reason"><label for="action-reason">Reason</label>
<input id="action-reason" maxlength="500" placeholder="optional, kept in the audit log"></span></div>
<ol id="rows" class="rows" aria-label="Comments"></ol>
<p id="queue-empty" class="empty" hidden>Nothing here.</p>
<button type="button" id="queue-more" class="more" hidden>Load more</button></div>`

const bansPanel = html`<div id="panel-bans" role="tabpanel" aria-labelledby="tab-bans" hidden>
<div class="panel-head"><h2>Bans</h2><button type="button" id="ban-new">New ban…</button></div>
<table><thead><tr><th scope="col">Kind</th><th scope="col">Value</th><th scope="col">Reason</th>
<th scope="col">Expires</th><th scope="col">Since</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
<tbody id="bans-body"></tbody></table><p id="bans-empty" class="empty" hidden>No bans.</p></div>`

const auditPanel = html`<div id="panel-audit" role="tabpanel" aria-labelledby="tab-audit" hidden>
<h2>Audit log</h2>
<table><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th>
<th scope="col">Target</th><th scope="col">Detail</th></tr></thead><tbody id="audit-body"></tbody></table>
<p id="audit-empty" class="empty" hidden>Nothing recorded yet.</p>
<button type="button" id="audit-more" class="more" hidden>Load more</button></div>`

const feedbackPanel = html`<div id="panel-feedback" role="tabpanel" aria-labelledby="tab-feedback" hidden>
<div class="panel-head"><h2>Page feedback</h2><button type="button" id="feedback-refresh">Refresh</button></div>
<p class="hint">"Was this page helpful?": each reader's latest vote per page, and what they wrote.</p>
<table><thead><tr><th scope="col">Page</th><th scope="col">Helpful</th><th scope="col">Not helpful</th>
<th scope="col">Messages</th><th scope="col">Latest</th></tr></thead><tbody id="feedback-body"></tbody></table>
<p id="feedback-empty" class="empty" hidden>No feedback yet.</p>
<div id="feedback-messages"></div></div>`

const webhooksPanel = html`<div id="panel-webhooks" role="tabpanel" aria-labelledby="tab-webhooks" hidden>
<div class="panel-head"><h2>Webhooks</h2><button type="button" id="webhooks-refresh">Refresh</button></div>
<p class="hint">Each webhook's last deliveries. One failing for 24 h is marked failing until a delivery gets through.</p>
<div id="webhooks-list"></div>
<p id="webhooks-empty" class="empty" hidden>No webhooks: add them to the site's config (<code>notifications.webhooks</code>).</p></div>`

const banDialog = html`<dialog id="ban-dialog" aria-labelledby="ban-title">
<form id="ban-form"><h2 id="ban-title">Ban</h2><p id="ban-context" class="hint"></p>
<div class="field"><label for="ban-kind">Ban by</label><select id="ban-kind">
<option value="ip">IP address (its hash)</option><option value="email">E-mail address</option>
<option value="user">User (user id or provider subject)</option></select></div>
<div class="field"><label for="ban-value">Value</label><input id="ban-value" required maxlength="320" spellcheck="false"></div>
<div class="field"><label for="ban-reason">Reason</label><input id="ban-reason" maxlength="500"></div>
<div class="field"><label for="ban-expiry">Expires (optional, your local time)</label>
<input id="ban-expiry" type="datetime-local"></div>
<p id="ban-error" class="alert" role="alert"></p>
<div class="buttons"><button type="button" id="ban-cancel">Cancel</button>
<button type="submit" class="primary">Ban</button></div></form></dialog>`

const SHORTCUTS = [
  ['j / k', 'next / previous comment'],
  ['x', 'select or unselect the comment'],
  ['a', 'approve'],
  ['s', 'mark as spam'],
  ['r', 'reject'],
  ['d', 'delete'],
  ['?', 'this help'],
] as const

const helpDialog = html`<dialog id="help" aria-labelledby="help-title"><h2 id="help-title">Keyboard shortcuts</h2>
<p class="hint">Actions apply to the selected comments, or to the current one when none is selected.
They never fire while you type in a field.</p>
<table class="keys"><tbody>${SHORTCUTS.map(
  ([
    keys,
    what,
  ]) => html`<tr><td>${keys.split(' / ').map((k, i) => html`${i ? ' / ' : ''}<kbd>${k}</kbd>`)}</td>
<td>${what}</td></tr>`,
)}</tbody></table>
<form method="dialog" class="buttons"><button class="primary">Close</button></form></dialog>`

/**
 * The moderation page: a static shell; its script (`functions/admin`, see admin-script.ts) fills it
 * from the admin API with the signed-in credential. Style and script run under the page's nonce.
 */
export async function renderAdminPage(nonce: string, script: string): Promise<string> {
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>Parley moderation</title>
<style nonce="${nonce}">${raw(ADMIN_STYLE)}</style></head>
<body><header class="top"><h1>Parley moderation</h1>
<div id="who" class="who" hidden><span id="who-label" class="who-label"></span>
<label for="site-select">Site</label><select id="site-select"></select>
<button type="button" id="help-open">Shortcuts <kbd>?</kbd></button>
<button type="button" id="sign-out">Sign out</button></div></header>
<main><p id="status" class="live" role="status" aria-live="polite"></p><p id="alert" class="alert" role="alert"></p>
${signIn}
<section id="console" aria-label="Moderation" hidden><div class="tabs" role="tablist" aria-label="Views">${tabs}</div>
${queuePanel}${feedbackPanel}${bansPanel}${auditPanel}${webhooksPanel}</section></main>
${banDialog}${helpDialog}
<script nonce="${nonce}">${raw(script)}</script></body></html>`
  return String(await page)
}
