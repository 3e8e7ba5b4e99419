import { type CommentRecord, CommentStatusSchema } from '../comments/comment-record.js'
import { walkByStatus } from '../comments/walk-by-status.js'
import type { ModerationDeps } from '../moderation/moderation-deps.js'
import type { SiteConfig } from '../sites/site-schema.js'
import type { ImportComment } from './import-input.js'

/** A comment as an import line of source `parley`: exporting then importing reproduces it. */
function toImportLine(c: CommentRecord): ImportComment {
  return {
    source: 'parley',
    sourceId: c.id,
    parentSourceId: c.parentId,
    page: c.pageUrl,
    author: c.author && {
      name: c.author.name,
      ...(c.author.email && { email: c.author.email }),
      ...(c.author.website && { website: c.author.website }),
    },
    body: c.body,
    format: 'markdown',
    createdAt: new Date(c.createdAt).toISOString(),
    // The import format has no `rejected`: a rejected comment leaves as deleted (hidden, kept).
    status: c.status === 'rejected' ? 'deleted' : c.status,
  }
}

/**
 * Every comment of a site in every status, as NDJSON import lines, parents first (ids sort by time
 * and a reply's id always sorts after its parent's). Streamed: five status walks merged by id, a
 * page of each in memory at a time, whatever the size of the site.
 */
export async function* exportComments(deps: ModerationDeps, site: SiteConfig): AsyncGenerator<string> {
  const walks = CommentStatusSchema.options.map((s) => walkByStatus(deps, site.id, s))
  const heads = await Promise.all(walks.map((w) => w.next()))
  for (;;) {
    let next = -1
    heads.forEach((h, i) => {
      const current = heads[next]
      if (!h.done && (next < 0 || (current && !current.done && h.value.id < current.value.id))) next = i
    })
    const head = heads[next]
    const walk = walks[next]
    if (!head || head.done || !walk) return
    yield `${JSON.stringify(toImportLine(head.value))}\n`
    heads[next] = await walk.next()
  }
}
