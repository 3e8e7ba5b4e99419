import * as z from 'zod/mini'

const PageUrl = z.string().check(z.minLength(1), z.maxLength(2048))
const PageId = z
  .string()
  .check(z.regex(/^[\x21-\x7e]{1,200}$/, 'must be 1 to 200 printable ASCII characters'))

export const FeedbackSchema = z.object({
  page: PageUrl,
  pageId: z.optional(PageId),
  vote: z.enum(['up', 'down']),
  message: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
  visitor: z.string().check(z.regex(/^[\x21-\x7e]{8,64}$/, 'must be 8 to 64 printable ASCII characters')),
  hp: z.optional(z.string().check(z.maxLength(1000))),
})
export type FeedbackInput = z.infer<typeof FeedbackSchema>

export const FeedbackQuerySchema = z.object({ page: PageUrl, pageId: z.optional(PageId) })
export type FeedbackQuery = z.infer<typeof FeedbackQuerySchema>

export const AdminFeedbackQuerySchema = z.object({
  page: PageUrl,
  pageId: z.optional(PageId),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(1024))),
})
export type AdminFeedbackQuery = z.infer<typeof AdminFeedbackQuerySchema>
