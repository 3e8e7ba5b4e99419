import type { CommentDeps } from './comment-deps.js'

const PAGE_SIZE = 200

/** Every comment of a site in one status, oldest first, a page of them in memory at a time. */
export async function* walkByStatus(deps: Pick<CommentDeps, 'comments'>, siteId: string, status: string) {
  let after = '0'
  for (;;) {
    const page = await deps.comments.queryByStatus(siteId, status, PAGE_SIZE, { after })
    yield* page
    const last = page.at(-1)
    if (!last || page.length < PAGE_SIZE) return
    after = last.id
  }
}
