import * as z from 'zod/mini'

/** `DELETE …/me?comments=delete` also removes the text of the reader's comments; any other value keeps it. */
export const EraseMeQuerySchema = z.object({
  comments: z.catch(z.optional(z.enum(['keep', 'delete'])), undefined),
})
