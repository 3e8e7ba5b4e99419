import * as z from 'zod/mini'

/**
 * `DELETE …/me?comments=delete` also removes the text of the reader's comments; any other value
 * keeps it (so no value is refused: a plain string, not an enum that would answer 400).
 */
export const EraseMeQuerySchema = z.object({ comments: z.optional(z.string()) })
