/**
 * One line of `POST /v1/admin/sites/{siteId}/import` (contract, section 5). The CLI is a client of
 * the HTTP contract, so it states the line's shape itself rather than importing the server's schema.
 */
export interface ImportComment {
  source: string
  sourceId: string
  parentSourceId: string | null
  page: string
  pageTitle?: string
  author: ImportAuthor | null
  body: string
  format: 'html' | 'markdown'
  createdAt: string
  status: ImportStatus
}

export interface ImportAuthor {
  name: string
  email?: string
  website?: string
}

export type ImportStatus = 'published' | 'pending' | 'spam' | 'deleted'

/** The server's limits on one import request. */
export const MAX_BATCH_LINES = 1000
export const MAX_BATCH_BYTES = 5 * 1024 * 1024

/** Builds an author, leaving out empty fields; `null` when nothing is known about the person. */
export function importAuthor(name: string, email: string, website: string): ImportAuthor | null {
  if (!name && !email && !website) return null
  return { name, ...(email && { email }), ...(website && { website }) }
}
