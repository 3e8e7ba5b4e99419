import { escapeHtml } from './docs-page.js'

/** JSON that is safe inside an inline `<script>`: no `</script>`, `<!--` or line separators. */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )

const STYLE = `:root{color-scheme:light dark;--fg:#1f2328;--muted:#5c6570;--bg:#fdfcf9;--line:#dcd8cf;--soft:#f2efe8;--a:#0b5cad;--bad:#b42318}
@media (prefers-color-scheme:dark){:root{--fg:#e4e6e8;--muted:#9aa3ad;--bg:#16181b;--line:#33383e;--soft:#1f2328;--a:#7ab8ff;--bad:#ff8a80}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.7 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.wrap{max-width:42rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}
a{color:var(--a)}.muted,.meta,.hint{color:var(--muted)}
.site{border-bottom:1px solid var(--line);padding-bottom:.75rem;margin-bottom:2.5rem}
.site b{font-size:1.1rem;letter-spacing:.01em}.site span{display:block;font-size:.9rem}
h1{font-size:2.1rem;line-height:1.2;margin:0 0 .5rem}h2{font-size:1.35rem;margin:2rem 0 .75rem}
.byline{font-size:.95rem;margin:0 0 2rem}
.note{background:var(--soft);border-radius:8px;padding:.75rem 1rem;font-size:.9rem;margin:2.5rem 0}
#comments{border-top:1px solid var(--line);margin-top:3rem}
ol{list-style:none;padding:0;margin:0 0 2rem}
.comment{border-left:2px solid var(--line);padding:.1rem 0 .1rem .9rem;margin:1.1rem 0}
.meta{font-size:.875rem;margin:0}.meta .name{font-weight:600;color:var(--fg)}.meta a.name{color:var(--a)}
.badge{font-size:.75rem;border:1px solid var(--line);border-radius:999px;padding:0 .45em}
.body p{margin:.3rem 0}.body pre{background:var(--soft);padding:.6rem;overflow:auto;border-radius:6px}
.deleted{font-style:italic;color:var(--muted);margin:0}
.link{background:none;border:0;padding:0;color:var(--a);font:inherit;font-size:.875rem;cursor:pointer;text-decoration:underline}
form{display:grid;gap:.85rem;background:var(--soft);padding:1.1rem;border-radius:10px}
label{display:block;font-weight:600;font-size:.9rem}
input,textarea{width:100%;font:inherit;padding:.5rem .6rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
textarea{min-height:8rem;resize:vertical}[aria-invalid=true]{border-color:var(--bad)}
.row{display:grid;gap:.85rem;align-items:end;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr))}
.hint{font-weight:400;font-size:.8rem}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
button[type=submit]{justify-self:start;font:inherit;font-weight:600;padding:.55rem 1.2rem;border:0;border-radius:6px;background:var(--a);color:var(--bg);cursor:pointer}
button:disabled{opacity:.6;cursor:progress}
#c-status{min-height:1.7em;margin:.25rem 0 0}footer{margin-top:4rem;font-size:.85rem}`

/** The comments script; it talks only to this origin's API. `SITE` is defined just before it. */
const SCRIPT = `const API = '/v1/sites/' + encodeURIComponent(SITE) + '/comments'
const PAGE = location.origin + location.pathname
const $ = (id) => document.getElementById(id)
const list = $('c-list'), heading = $('c-heading'), more = $('c-more'), form = $('c-form')
const button = $('c-submit'), status = $('c-status'), replying = $('c-replying')
const FIELDS = { '#/body': 'c-body', '#/author/name': 'c-name', '#/author/email': 'c-email', '#/author/website': 'c-website' }
let formToken, parentId, nextCursor
const say = (message) => { status.textContent = message }
const el = (tag, className, text) => {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text != null) node.textContent = text
  return node
}
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
const UNITS = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]]
function ago(iso) {
  const seconds = (Date.parse(iso) - Date.now()) / 1000
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit)
  return 'just now'
}
function isWebUrl(value) {
  try { return ['http:', 'https:'].includes(new URL(value).protocol) } catch { return false }
}
async function call(url, init) {
  let response
  try { response = await fetch(url, init) } catch {
    throw new Error('Could not reach the comment service. Check your connection and try again.')
  }
  const data = await response.json().catch(() => null)
  if (!response.ok) {
    const error = new Error(data && data.detail ? data.detail : 'The comment service answered with HTTP ' + response.status + '.')
    error.problem = data
    throw error
  }
  if (!data) throw new Error('The comment service sent an answer this page does not understand.')
  return data
}
function render(comment) {
  const item = el('li', 'comment')
  item.style.marginLeft = Math.min(Number(comment.depth) || 0, 6) * 1.5 + 'rem'
  if (comment.deleted || !comment.author) {
    item.append(el('p', 'deleted', 'This comment was deleted.'))
    return item
  }
  const { name, website, moderator } = comment.author
  const meta = el('p', 'meta')
  const author = el(website && isWebUrl(website) ? 'a' : 'span', 'name', name)
  if (author.tagName === 'A') {
    author.setAttribute('href', website)
    author.setAttribute('rel', 'nofollow ugc')
  }
  const time = el('time', null, ago(comment.createdAt))
  time.setAttribute('datetime', comment.createdAt)
  time.setAttribute('title', comment.createdAt)
  meta.append(author)
  if (moderator) meta.append(' ', el('span', 'badge', 'moderator'))
  if (comment.pinned) meta.append(' ', el('span', 'badge', 'pinned'))
  meta.append(' · ', time, comment.editedAt ? ' · edited' : '')
  const body = el('div', 'body')
  body.innerHTML = comment.html // safe HTML, rendered by the server from Markdown
  const reply = el('button', 'link', 'Reply')
  reply.type = 'button'
  reply.addEventListener('click', () => {
    parentId = comment.id
    $('c-replying-name').textContent = name
    replying.hidden = false
    $('c-body').focus()
  })
  item.append(meta, body, reply)
  return item
}
async function load(cursor) {
  let url = API + '?page=' + encodeURIComponent(PAGE)
  if (cursor) url += '&cursor=' + encodeURIComponent(cursor)
  try {
    const data = await call(url)
    formToken = data.formToken
    const count = data.page.commentCount
    heading.textContent = count === 1 ? '1 comment' : count + ' comments'
    if (!cursor) list.replaceChildren()
    list.append(...data.comments.map(render))
    if (!list.children.length) list.append(el('li', 'muted', 'No comments yet. Be the first to say something.'))
    nextCursor = data.nextCursor
    more.hidden = !nextCursor
  } catch (error) {
    if (cursor) say(error.message)
    else list.replaceChildren(el('li', 'muted', 'Comments could not be loaded. ' + error.message))
  }
}
function cancelReply() {
  parentId = undefined
  replying.hidden = true
}
function idempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID()
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}
$('c-cancel').addEventListener('click', cancelReply)
more.addEventListener('click', () => load(nextCursor))
form.addEventListener('submit', async (event) => {
  event.preventDefault()
  const value = (id) => $(id).value.trim()
  const author = { name: value('c-name') }
  if (value('c-email')) author.email = value('c-email')
  const website = value('c-website')
  if (website) author.website = /^[a-z][a-z0-9+.-]*:/i.test(website) ? website : 'https://' + website
  const payload = { page: PAGE, pageTitle: document.title, body: $('c-body').value, author, hp: $('c-hp').value }
  if (parentId) payload.parentId = parentId
  if (formToken) payload.formToken = formToken
  for (const id of Object.values(FIELDS)) $(id).removeAttribute('aria-invalid')
  button.disabled = true
  say('Posting…')
  try {
    const data = await call(API, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey() },
      body: JSON.stringify(payload),
    })
    $('c-body').value = ''
    cancelReply()
    say(data.comment && data.comment.status === 'pending' ? 'Your comment is awaiting moderation.' : 'Thanks! Your comment is published.')
    await load()
  } catch (error) {
    say(error.message)
    const invalid = ((error.problem && error.problem.errors) || []).map((e) => FIELDS[e.pointer]).filter(Boolean)
    for (const id of invalid) $(id).setAttribute('aria-invalid', 'true')
    if (invalid[0]) $(invalid[0]).focus()
  } finally {
    button.disabled = false
  }
})
load()`

/** `/` in local mode: a sample blog post with a working comments section for site `siteId`. */
export function demoPage(options: { siteId: string }): string {
  const title = 'Why we moved our comments to our own AWS account'
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title} · Notes from the Harbour</title>
<style>${STYLE}</style>
</head>
<body>
<div class="wrap">
<header class="site"><b>Notes from the Harbour</b><span class="muted">Small essays on building and running things for the web</span></header>
<main>
<article>
<h1>${title}</h1>
<p class="byline muted">By Maren Lindqvist · <time datetime="2025-03-14">14 March 2025</time> · 5 min read</p>
<p>For six years the comments under these posts lived on somebody else’s servers. The embed was free, it was one line of HTML, and it mostly worked. It also loaded a dozen scripts from domains we had never heard of, dropped advertising cookies on every reader who scrolled past the last paragraph, and now and then filled the space below our writing with “recommended stories” we would never have chosen. We were paying for the comment box with our readers’ attention and browsing history, and we had never asked them whether that was all right.</p>
<p>So this winter we brought the comments home. They now live in a DynamoDB table in an AWS account that belongs to us, behind a small API that answers to one website: this one. The comment form talks to that API and to nothing else. There are no ads, no trackers, no third-party cookies and no “social” buttons. If you leave an e-mail address, nobody else ever sees it; we use it only to tell you about replies, and only if you ask.</p>
<p>The first question everyone asks is what it costs. Less than the coffee I am drinking while I write this. A comment is a few hundred bytes, and DynamoDB’s on-demand mode charges per request, so a blog of our size, with a few thousand page views and a handful of new comments a day, runs up a bill measured in cents a month. There are no servers to patch or keep warm: the API is a function that costs nothing while nobody is reading and wakes up when somebody is.</p>
<p>Owning the data also means owning the moderation. A first comment from a new name waits in a queue until one of us has read it. A form field that people never see, but that spam bots dutifully fill in, catches most of the junk before it reaches us, and a comment posted faster than a person could type it is held for a second look. When we remove something, it is because we decided to, not because an engagement algorithm did.</p>
<p>Leaving turned out to be easier than we feared. The early years of this blog ran on a hosted WordPress site and the later ones on a static site with Disqus, and both exports went in with a single import each, threads and timestamps intact. Every comment readers have written here since 2019 now sits under the post it was written for, and if we ever move again, one export hands all of it back to us as plain JSON.</p>
<p>If you made it this far, the comments below are the new system. Say hello, ask a question, or tell us what we got wrong. Your first comment may take a little while to appear while it waits for one of us to read it.</p>
</article>
<aside class="note">This is the demo page of <b>Parley</b> in local mode: the post is fictional, but the comments below are real and are stored in your local instance. The API reference is at <a href="/docs">/docs</a>.</aside>
<section id="comments" aria-labelledby="c-heading" data-site="${escapeHtml(options.siteId)}">
<h2 id="c-heading">Comments</h2>
<ol id="c-list"><li class="muted">Loading comments…</li></ol>
<p><button type="button" class="link" id="c-more" hidden>Show more comments</button></p>
<h2>Leave a comment</h2>
<form id="c-form">
<p id="c-replying" hidden>Replying to <b id="c-replying-name"></b> · <button type="button" class="link" id="c-cancel">cancel</button></p>
<div><label for="c-body">Comment</label><textarea id="c-body" name="body" aria-describedby="c-body-hint" required></textarea>
<span class="hint" id="c-body-hint">Markdown works: *emphasis*, **bold**, \`code\` and links.</span></div>
<div class="row">
<div><label for="c-name">Name</label><input id="c-name" name="name" autocomplete="name" maxlength="80" required></div>
<div><label for="c-email">Email <span class="hint">(optional, never shown)</span></label><input id="c-email" name="email" type="email" autocomplete="email"></div>
<div><label for="c-website">Website <span class="hint">(optional)</span></label><input id="c-website" name="website" inputmode="url" autocomplete="url"></div>
</div>
<div class="hp" aria-hidden="true"><label for="c-hp">Leave this field empty</label><input id="c-hp" name="hp" tabindex="-1" autocomplete="off" aria-hidden="true"></div>
<button type="submit" id="c-submit">Post comment</button>
<p id="c-status" role="status" aria-live="polite"></p>
</form>
</section>
</main>
<footer class="muted">© 2025 Notes from the Harbour · Comments by Parley</footer>
</div>
<script type="module">
const SITE = ${scriptJson(options.siteId)}
${SCRIPT}
</script>
</body>
</html>
`
}
