import { once } from 'node:events'
import { createWriteStream } from 'node:fs'

/**
 * Writes large exports for the memory and throughput checks, streamed to disk so the generator holds
 * no more than the file does not. Comments have realistic bodies (~400 bytes of HTML) and threads.
 */
async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path)
  for (const line of lines) if (!out.write(line)) await once(out, 'drain')
  out.end()
  await once(out, 'finish')
}

const BODY =
  'Thanks for writing this up. I tried the second approach on a <strong>large</strong> site and it held up; ' +
  'the only snag was the cache, which <a href="https://example.org/cache">this note</a> explains. ' +
  'Line breaks matter too:\nthis is a second line.\n\nAnd a second paragraph, with &amp; and &lt;tags&gt;.'

/** `comments` WordPress comments, `perPost` a post; every third one replies, listed before its parent. */
export function writeSyntheticWxr(path: string, comments: number, perPost = 50): Promise<void> {
  return writeLines(path, wxr(comments, perPost))
}

function* wxr(comments: number, perPost: number): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Synthetic</title>\n<wp:wxr_version>1.2</wp:wxr_version>\n'
  for (let first = 1, post = 1; first <= comments; first += perPost, post++) {
    yield `<item><title>Post ${post}</title><link>https://old.example/${post}/</link><wp:post_id>${post}</wp:post_id>`
    yield `<content:encoded><![CDATA[${'<p>The post itself, which the importer never keeps.</p>'.repeat(40)}]]></content:encoded>\n`
    const last = Math.min(first + perPost - 1, comments)
    // Replies first, then the comments they reply to: the importer must reorder.
    for (let id = last; id >= first; id--) {
      const parent = id % 3 === 0 && id - 1 >= first ? id - 1 : 0
      const minute = String(id % 60).padStart(2, '0')
      yield `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${id}]]></wp:comment_author><wp:comment_author_email>reader${id}@example.org</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_date>2019-05-01 10:${minute}:00</wp:comment_date><wp:comment_date_gmt>2019-05-01 08:${minute}:00</wp:comment_date_gmt><wp:comment_content><![CDATA[${BODY} #${id}]]></wp:comment_content><wp:comment_approved>${id % 10 === 0 ? '0' : '1'}</wp:comment_approved><wp:comment_type></wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>\n`
    }
    yield '</item>\n'
  }
  yield '</channel>\n</rss>\n'
}

/**
 * `posts` Disqus posts over threads of 50, listed threads first and then posts newest first, so every
 * reply comes before its parent (the worst order for a single pass).
 */
export function writeSyntheticDisqus(path: string, posts: number): Promise<void> {
  return writeLines(path, disqus(posts))
}

function* disqus(posts: number): Generator<string> {
  yield '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n'
  const threads = Math.ceil(posts / 50)
  for (let t = 1; t <= threads; t++) {
    yield `<thread dsq:id="t${t}"><link>https://old.example/${t}/</link><title>Thread ${t}</title></thread>\n`
  }
  for (let id = posts; id >= 1; id--) {
    const thread = Math.ceil(id / 50)
    const parent = id % 2 === 0 && Math.ceil((id - 1) / 50) === thread ? `<parent dsq:id="${id - 1}"/>` : ''
    yield `<post dsq:id="${id}"><message><![CDATA[<p>${BODY} #${id}</p>]]></message><createdAt>2015-03-0${(id % 9) + 1}T12:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>${id % 25 === 0}</isSpam><author><name>Reader ${id}</name><email>r${id}@example.org</email><isAnonymous>${id % 2 === 0}</isAnonymous></author><thread dsq:id="t${thread}"/>${parent}</post>\n`
  }
  yield '</disqus>\n'
}
