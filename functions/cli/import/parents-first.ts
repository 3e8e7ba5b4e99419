export interface Threaded {
  sourceId: string
  parentSourceId: string | null
}

/**
 * Orders one page's comments so that every parent comes before its replies (the import endpoint
 * refuses a reply whose parent it has not seen), otherwise keeping the export's order. A reply whose
 * parent is not among them, or that sits in a cycle of parents, is handed to `orphan`, which returns
 * it as a top-level comment.
 */
export function parentsFirst<T extends Threaded>(comments: readonly T[], orphan: (comment: T) => T): T[] {
  const ids = new Set(comments.map((c) => c.sourceId))
  const replies = new Map<string, T[]>()
  const roots: T[] = []
  for (const comment of comments) {
    const parent = comment.parentSourceId
    if (parent === null) roots.push(comment)
    else if (!ids.has(parent)) roots.push(orphan(comment))
    else {
      const siblings = replies.get(parent)
      if (siblings) siblings.push(comment)
      else replies.set(parent, [comment])
    }
  }

  const ordered: T[] = []
  const placed = new Set<string>()
  const walk = (root: T) => {
    const stack = [root]
    for (let next = stack.pop(); next; next = stack.pop()) {
      if (placed.has(next.sourceId)) continue
      placed.add(next.sourceId)
      ordered.push(next)
      stack.push(...(replies.get(next.sourceId) ?? []).toReversed())
    }
  }
  for (const root of roots) walk(root)
  // Whatever no root reached hangs in a cycle: the first of each becomes top-level.
  for (const comment of comments) if (!placed.has(comment.sourceId)) walk(orphan(comment))
  return ordered
}
