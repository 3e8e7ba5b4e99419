import * as z from 'zod/mini'
import { AdminCommentSchema } from '../comments/comment-output.js'

/** `GET …/me/data`: everything stored about the signed-in reader (contract section 5). */
export const PersonalDataResponseSchema = z.object({
  profile: z.optional(
    z.object({
      id: z.string(),
      name: z.string(),
      avatar: z.nullable(z.string()),
      email: z.nullable(z.string()),
      provider: z.string(),
      createdAt: z.iso.datetime(),
    }),
  ),
  comments: z.array(AdminCommentSchema),
})
