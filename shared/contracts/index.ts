// Types of the HTTP contract shared with the widget: `import type` only, no runtime code here.

export type CommentStatus = 'published' | 'pending' | 'spam' | 'rejected' | 'deleted'

export interface CommentAuthor {
  name: string
  website: string | null
  avatar: string | null
  provider: string
  verified: boolean
  moderator: boolean
}

export interface Comment {
  id: string
  parentId: string | null
  depth: number
  author: CommentAuthor | null
  html: string
  createdAt: string
  editedAt: string | null
  deleted: boolean
  pinned: boolean
  reactions: { like: number }
}

export interface ListCommentsResponse {
  page: { url: string; commentCount: number }
  comments: Comment[]
  nextCursor: string | null
  formToken: string
}

export interface PostCommentResponse {
  comment: Comment & { status: 'published' | 'pending' }
  editToken?: string
}

export interface CountsResponse {
  counts: Record<string, number>
}

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string
  requestId: string
  errors?: { pointer: string; detail: string }[]
}
