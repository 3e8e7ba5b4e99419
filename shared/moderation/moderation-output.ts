import * as z from 'zod/mini'
import { CommentStatusSchema } from '../comments/comment-record.js'
import { BanSchema } from './bans.js'

/** What the moderation API answers (contract section 5). */

export const ModerationResponseSchema = z.object({
  results: z.array(
    z.union([
      z.object({ id: z.string(), status: CommentStatusSchema }),
      z.object({ id: z.string(), error: z.string() }),
    ]),
  ),
})

export const BansResponseSchema = z.object({ bans: z.array(BanSchema) })

/** One admin action: who did what to which target, with the state before and after. */
export const AuditEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z.record(z.string(), z.unknown()),
})

export const AuditResponseSchema = z.object({
  entries: z.array(AuditEntrySchema),
  nextCursor: z.nullable(z.string()),
})

export const EraseResponseSchema = z.object({ erased: z.int().check(z.minimum(0)) })
