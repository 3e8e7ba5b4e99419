import { escapeHtml } from './docs-page.js'

const STYLE = `:root{color-scheme:light dark;--fg:#1f2328;--muted:#5c6570;--bg:#fdfcf9;--line:#dcd8cf;--soft:#f2efe8;--a:#0b5cad}
@media (prefers-color-scheme:dark){:root{--fg:#e4e6e8;--muted:#9aa3ad;--bg:#16181b;--line:#33383e;--soft:#1f2328;--a:#7ab8ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.7 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.wrap{max-width:42rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}
a{color:var(--a)}.muted{color:var(--muted)}
.site{border-bottom:1px solid var(--line);padding-bottom:.75rem;margin-bottom:2.5rem}
.site b{font-size:1.1rem;letter-spacing:.01em}.site span{display:block;font-size:.9rem}
h1{font-size:2.1rem;line-height:1.2;margin:0 0 .5rem}
.byline{font-size:.95rem;margin:0 0 2rem}
.note{background:var(--soft);border-radius:8px;padding:.75rem 1rem;font-size:.9rem;margin:2.5rem 0}
#comments{border-top:1px solid var(--line);margin-top:3rem;padding-top:1rem;
--parley-background:var(--bg);--parley-surface:var(--soft);--parley-accent:var(--a);--parley-border:var(--line);--parley-padding:1rem 0;--parley-font-size:1rem}
footer{margin-top:4rem;font-size:.85rem}`

/**
 * `/` in local mode: a sample blog post that embeds the widget for site `siteId` exactly as a blog
 * would (one script tag, served by this same API), plus `count.js` for the count in the byline.
 */
export function demoPage(options: { siteId: string }): string {
  const title = 'Why we moved our comments to our own AWS account'
  const site = escapeHtml(options.siteId)
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
<p class="byline muted">By Maren Lindqvist · <time datetime="2025-03-14">14 March 2025</time> · 5 min read · <a href="#comments"><span data-parley-count="">…</span> comments</a></p>
<p>For six years the comments under these posts lived on somebody else’s servers. The embed was free, it was one line of HTML, and it mostly worked. It also loaded a dozen scripts from domains we had never heard of, dropped advertising cookies on every reader who scrolled past the last paragraph, and now and then filled the space below our writing with “recommended stories” we would never have chosen. We were paying for the comment box with our readers’ attention and browsing history, and we had never asked them whether that was all right.</p>
<p>So this winter we brought the comments home. They now live in a DynamoDB table in an AWS account that belongs to us, behind a small API that answers to one website: this one. The comment form talks to that API and to nothing else. There are no ads, no trackers, no third-party cookies and no “social” buttons. If you leave an e-mail address, nobody else ever sees it; we use it only to tell you about replies, and only if you ask.</p>
<p>The first question everyone asks is what it costs. Less than the coffee I am drinking while I write this. A comment is a few hundred bytes, and DynamoDB’s on-demand mode charges per request, so a blog of our size, with a few thousand page views and a handful of new comments a day, runs up a bill measured in cents a month. There are no servers to patch or keep warm: the API is a function that costs nothing while nobody is reading and wakes up when somebody is.</p>
<p>Owning the data also means owning the moderation. A first comment from a new name waits in a queue until one of us has read it. A form field that people never see, but that spam bots dutifully fill in, catches most of the junk before it reaches us, and a comment posted faster than a person could type it is held for a second look. When we remove something, it is because we decided to, not because an engagement algorithm did.</p>
<p>Leaving turned out to be easier than we feared. The early years of this blog ran on a hosted WordPress site and the later ones on a static site with Disqus, and both exports went in with a single import each, threads and timestamps intact. Every comment readers have written here since 2019 now sits under the post it was written for, and if we ever move again, one export hands all of it back to us as plain JSON.</p>
<p>If you made it this far, the comments below are the new system. Say hello, ask a question, or tell us what we got wrong. Your first comment may take a little while to appear while it waits for one of us to read it.</p>
</article>
<aside class="note">This is the demo page of <b>Parley</b> in local mode: the post is fictional, but the comments below are real and are stored in your local instance. They come from the embed widget, added with the same two lines a blog would use (see the README). The API reference is at <a href="/docs">/docs</a>.</aside>
<div id="comments"></div>
<script src="/embed.js" data-site="${site}" data-feedback="on" async></script>
</main>
<footer class="muted">© 2025 Notes from the Harbour · Comments by Parley</footer>
</div>
<script src="/count.js" data-site="${site}" async></script>
</body>
</html>
`
}
