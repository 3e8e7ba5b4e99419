import * as z from 'zod/mini'
import { PageId, PageUrl } from '../comments/comment-input.js'

/** `feed.atom`: a page's comments with `page` (and its `pageId`), else the site's. */
export const FeedQuerySchema = z.object({ page: z.optional(PageUrl), pageId: z.optional(PageId) })
export type FeedQuery = z.infer<typeof FeedQuerySchema>
