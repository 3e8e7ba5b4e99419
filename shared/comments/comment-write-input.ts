import * as z from 'zod/mini'
import { CommentIdSchema, MAX_BODY_CHARACTERS, PageId, PageUrl } from './comment-input.js'

// The bodies of a post and an edit, and the headers they carry: loaded with the routes that
// write comments (the on-demand chunk), never by a cold start that only reads them.

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max))
const WebUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).check(z.maxLength(2048))
const Body = z.string().check(
  z.maxLength(MAX_BODY_CHARACTERS * 2),
  z.refine((s) => s.trim().length > 0, 'must not be empty'),
)

export const PostCommentSchema = z.object({
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
})
export type PostCommentInput = z.infer<typeof PostCommentSchema>

export const EditCommentSchema = z.object({ body: Body })
export type EditCommentInput = z.infer<typeof EditCommentSchema>

/** `Idempotency-Key`: any printable ASCII up to 128 characters. */
export const IdempotencyKeySchema = z
  .string()
  .check(z.regex(/^[\x20-\x7e]{1,128}$/, 'must be 1 to 128 printable ASCII characters'))
