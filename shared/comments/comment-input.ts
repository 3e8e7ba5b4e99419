import * as z from 'zod/mini'
import { COMMENT_ID } from './comment-id.js'

// A cold start answers a page's comments: only the list's schema is built with the module; the
// counts' is `z.lazy`, built on its route's first request. Writes have their own module
// (`comment-write-input.ts`), loaded with the routes that take them.

/** Pages are URLs; browsers and servers handle up to a few kilobytes. */
export const PageUrl = z.string().check(z.minLength(1), z.maxLength(2048))
export const PageId = z
  .string()
  .check(z.regex(/^[\x21-\x7e]{1,200}$/, 'must be 1 to 200 printable ASCII characters'))

export const CommentIdSchema = z.string().check(z.regex(COMMENT_ID, 'must be a comment id'))

/** The largest body any site may allow; each site's own `limits.maxLength` is checked in the domain. */
export const MAX_BODY_CHARACTERS = 20_000

export const ListCommentsSchema = z.object({
  page: PageUrl,
  pageId: z.optional(PageId),
  sort: z._default(z.enum(['oldest', 'newest', 'top']), 'oldest'),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(4096))),
})
export type ListCommentsQuery = z.infer<typeof ListCommentsSchema>

export const CountsSchema = z.lazy(() => {
  /** `?page=a` reaches the validator as a string, `?page=a&page=b` as an array: both are a list. */
  const asList = z.pipe(
    z.union([z.string(), z.array(z.string())]),
    z.transform((value: string | string[]) => (Array.isArray(value) ? value : [value])),
  )
  return z.object({ page: z.pipe(asList, z.array(PageUrl).check(z.minLength(1), z.maxLength(50))) })
})
export type CountsQuery = z.infer<typeof CountsSchema>
