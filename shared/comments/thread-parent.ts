import { authorRefKey } from '../db/item-keys.js'
import type { SiteConfig } from '../sites/site-schema.js'
import { ancestorPath } from './comment-id.js'
import type { CommentRecord } from './comment-record.js'

/** Where a reply hangs in its thread: the parent's id, depth and thread paths. */
export type ThreadParent = Pick<CommentRecord, 'id' | 'depth' | 'paths'>

/**
 * The comment a reply to `named` hangs under: `named` itself, or its ancestor at the deepest level
 * the site allows, so a reply deeper than `limits.maxDepth` is kept (never lost), just less indented.
 * @returns undefined when the site allows no replies at all (`maxDepth` 0): the reply starts a thread
 */
export function hangUnder(site: SiteConfig, named: ThreadParent): ThreadParent | undefined {
  const maxParentDepth = site.limits.maxDepth - 1
  if (named.depth <= maxParentDepth) return named
  if (maxParentDepth < 0) return undefined
  const oldest = ancestorPath(named.paths.oldest, maxParentDepth)
  return {
    id: oldest.slice(-17),
    depth: maxParentDepth,
    paths: { oldest, newest: ancestorPath(named.paths.newest, maxParentDepth) },
  }
}

/** Items that file a comment under its author, so their data can be found and erased later. */
export function authorRefs(c: CommentRecord, emailHash: string | null) {
  const refs: Record<string, unknown>[] = []
  if (c.userId) refs.push({ ...authorRefKey(c.siteId, { userId: c.userId }, c.id), commentId: c.id })
  if (emailHash) refs.push({ ...authorRefKey(c.siteId, { emailHash }, c.id), commentId: c.id })
  return refs
}
