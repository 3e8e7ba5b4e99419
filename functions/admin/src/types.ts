import type { Comment, CommentStatus } from '../../../shared/contracts/index.js'

// What the page reads of the admin API's answers (the contract's section on the admin API).

/** A comment as moderators see it: the public view plus its status, page, source and where it came from. */
export interface AdminComment extends Comment {
  status: CommentStatus
  page: string
  body: string
  email: string | null
  ipHash: string | null
  userAgent: string | null
  reasons: string[]
  userId?: string | null
}

export interface Site {
  id: string
  name: string
}

export type BanKind = 'ip' | 'email' | 'user'

export interface Ban {
  id: string
  kind: BanKind
  value: string
  reason: string | null
  expiresAt: string | null
  createdAt: string
}

export interface AuditEntry {
  at: string
  actor: string
  action: string
  target: string
  detail?: Record<string, unknown> | null
}

export interface ModerationResult {
  id: string
  status?: CommentStatus
  error?: string
}

/** A webhook as the site's config shows it (its secret is never shown again). */
export interface WebhookInfo {
  id: string
  url: string
  events: string[]
  format: 'standard' | 'slack' | 'discord'
  failing?: boolean
  failingSince?: string
}

/** One attempt of the webhook delivery log. */
export interface DeliveryAttempt {
  messageId: string
  eventType: string
  attempt: number
  at: string
  ok: boolean
  status: number | null
  durationMs: number
  error: string | null
}
