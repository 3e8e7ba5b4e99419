import * as z from 'zod/mini'

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max))

/** One comment of another system, as one NDJSON line of an import (contract section 5). */
export const ImportCommentSchema = z.object({
  source: z.string().check(z.regex(/^[a-z0-9-]{1,32}$/, 'must be 1 to 32 of a-z, 0-9 and -')),
  sourceId: Text(200),
  parentSourceId: z._default(z.nullable(Text(200)), null),
  page: z.string().check(z.minLength(1), z.maxLength(2048)),
  pageTitle: z.optional(Text(300)),
  author: z._default(
    z.nullable(
      z.object({
        name: z.string().check(z.trim(), z.maxLength(200)),
        email: z.optional(z.string().check(z.trim(), z.maxLength(254))),
        website: z.optional(z.string().check(z.trim(), z.maxLength(2048))),
      }),
    ),
    null,
  ),
  body: z.string().check(z.maxLength(100_000)),
  format: z.enum(['markdown', 'html']),
  createdAt: z.iso.datetime({ offset: true }),
  status: z.enum(['published', 'pending', 'spam', 'deleted']),
})
export type ImportComment = z.infer<typeof ImportCommentSchema>
