import * as z from 'zod/mini'
import { once } from '../once.js'
import { COMMENT_ID } from './comment-id.js'

// A cold start answers a page's comments: only the list's schema is built with the module. The
// others are `z.lazy`, built on their route's first request (a post, an edit, the counts).

/** Pages are URLs; browsers and servers handle up to a few kilobytes. */
const PageUrl = z.string().check(z.minLength(1), z.maxLength(2048))
const PageId = z
  .string()
  .check(z.regex(/^[\x21-\x7e]{1,200}$/, 'must be 1 to 200 printable ASCII characters'))

export const CommentIdSchema = z.string().check(z.regex(COMMENT_ID, 'must be a comment id'))

/** The largest body any site may allow; each site's own `limits.maxLength` is checked in the domain. */
export const MAX_BODY_CHARACTERS = 20_000

const writeSchemas = once(() => {
  const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max))
  const WebUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).check(z.maxLength(2048))
  const Body = z.string().check(
    z.maxLength(MAX_BODY_CHARACTERS * 2),
    z.refine((s) => s.trim().length > 0, 'must not be empty'),
  )
  return {
    post: z.object({
      page: PageUrl,
      pageId: z.optional(PageId),
      pageTitle: z.optional(Text(300)),
      parentId: z.optional(CommentIdSchema),
      body: Body,
      author: z.optional(
        z.object({
          name: Text(80),
          email: z.optional(z.email().check(z.maxLength(254))),
          website: z.optional(WebUrl),
        }),
      ),
      notify: z.optional(z.boolean()),
      hp: z.optional(z.string().check(z.maxLength(1000))),
      formToken: z.optional(z.string().check(z.maxLength(512))),
    }),
    edit: z.object({ body: Body }),
  }
})

export const PostCommentSchema = z.lazy(() => writeSchemas().post)
export type PostCommentInput = z.infer<typeof PostCommentSchema>

export const EditCommentSchema = z.lazy(() => writeSchemas().edit)
export type EditCommentInput = z.infer<typeof EditCommentSchema>

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

/** `Idempotency-Key`: any printable ASCII up to 128 characters. */
export const IdempotencyKeySchema = z.lazy(() =>
  z.string().check(z.regex(/^[\x20-\x7e]{1,128}$/, 'must be 1 to 128 printable ASCII characters')),
)
