// The moderation page's real shell (functions/api/admin-page/admin-page.ts) loaded into happy-dom,
// without its script: each test calls the modules of functions/admin/src it is about.

import type { AdminComment } from '../../../functions/admin/src/types.js'
import { renderAdminPage } from '../../../functions/api/admin-page/admin-page.js'

export async function loadShell(): Promise<void> {
  const html = await renderAdminPage('test-nonce', '')
  const parsed = new DOMParser().parseFromString(html, 'text/html')
  document.body.replaceWith(document.importNode(parsed.body, true))
}

export const adminComment = (overrides: Partial<AdminComment> = {}): AdminComment => ({
  id: 'c1',
  parentId: null,
  depth: 0,
  author: { name: 'Ada', website: null, avatar: null, provider: 'guest', verified: false, moderator: false },
  html: '<p>Hello</p>',
  createdAt: '2026-11-27T12:00:00.000Z',
  editedAt: null,
  deleted: false,
  pinned: false,
  reactions: { like: 0 },
  status: 'pending',
  page: 'https://blog.example/post',
  body: 'Hello',
  email: null,
  ipHash: null,
  userAgent: null,
  reasons: [],
  userId: null,
  ...overrides,
})
