import * as z from 'zod/mini'
import { CommentIdSchema } from '../comments/comment-input.js'
import { CommentStatusSchema } from '../comments/comment-record.js'

const Limit = z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50)
const Cursor = z.optional(z.string().check(z.maxLength(1024)))

export const QueueQuerySchema = z.object({ status: CommentStatusSchema, limit: Limit, cursor: Cursor })
export type QueueQuery = z.infer<typeof QueueQuerySchema>

export const PageQuerySchema = z.object({ limit: Limit, cursor: Cursor })
export type PageQuery = z.infer<typeof PageQuerySchema>

export const ModerationActionSchema = z.enum([
  'approve',
  'reject',
  'spam',
  'delete',
  'restore',
  'pin',
  'unpin',
])
export type ModerationAction = z.infer<typeof ModerationActionSchema>

export const ModerationSchema = z.object({
  action: ModerationActionSchema,
  ids: z.array(CommentIdSchema).check(z.minLength(1), z.maxLength(100)),
  reason: z.optional(z.string().check(z.trim(), z.maxLength(500))),
})
export type ModerationInput = z.infer<typeof ModerationSchema>

export const BanSchema = z.object({
  kind: z.enum(['user', 'email', 'ip']),
  value: z.string().check(z.trim(), z.minLength(1), z.maxLength(320)),
  reason: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  expiresAt: z.optional(z.iso.datetime()),
})
export type BanInput = z.infer<typeof BanSchema>

export const EraseSchema = z.object({ email: z.email().check(z.maxLength(254)) })
