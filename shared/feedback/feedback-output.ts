import * as z from 'zod/mini'

/** What the feedback API answers (contract section 3, "Feedback and reactions"). */

const Count = z.int().check(z.minimum(0))

export const FeedbackCountsSchema = z.object({ up: Count, down: Count })

export const FeedbackEntrySchema = z.object({
  page: z.string(),
  vote: z.enum(['up', 'down']),
  message: z.nullable(z.string()),
  reasons: z.array(z.string()),
  at: z.string(),
})

export const FeedbackEntriesResponseSchema = z.object({
  entries: z.array(FeedbackEntrySchema),
  nextCursor: z.nullable(z.string()),
})
