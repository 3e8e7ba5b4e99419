import { type CommentRecord, CommentRecordSchema } from '../../shared/comments/comment-record.js'
import type { MailMessage } from '../../shared/mail/mail-message.js'
import { buildRawMessage } from '../../shared/mail/raw-message.js'
import { renderMarkdown } from '../../shared/markdown/render-markdown.js'
import { type SiteConfig, SiteConfigSchema } from '../../shared/sites/site-schema.js'

export const API = 'https://api.example'

export const siteIn = (language: SiteConfig['language'], name = 'Demo blog'): SiteConfig =>
  SiteConfigSchema.parse({ id: 'demo', name, origins: ['https://blog.example'], language })

/** A comment record as the table would hold it, its html rendered from its body as on a post. */
export function commentRecord(
  overrides: { id?: string; body?: string; name?: string; status?: string } = {},
) {
  const id = overrides.id ?? '0000000000abcdefg'
  const body = overrides.body ?? 'Nice **post**, thanks.'
  return CommentRecordSchema.parse({
    id,
    siteId: 'demo',
    pageKey: 'https://blog.example/post',
    pageUrl: 'https://blog.example/post',
    depth: 0,
    paths: { oldest: id, newest: id },
    body,
    html: renderMarkdown(body),
    author: {
      name: overrides.name ?? 'Ada',
      email: 'ada@example.com',
      website: null,
      avatar: null,
      provider: 'guest',
      verified: false,
      moderator: false,
    },
    status: overrides.status ?? 'pending',
    createdAt: Date.parse('2026-11-27T12:00:00Z'),
    reasons: overrides.status === 'published' ? [] : ['links'],
  }) satisfies CommentRecord
}

/** The mail as a receiving program reads it: the RFC 5322 bytes the transports send, parsed. */
export async function parsed(message: MailMessage) {
  const { simpleParser } = await import('mailparser')
  return simpleParser(await buildRawMessage(message))
}

/** Every href of an HTML part. */
export const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map(([, href]) => href ?? '')

/** A header's value as sent (unfolded), from the parsed mail's raw header lines. */
export function headerValue(mail: { headerLines: readonly { key: string; line: string }[] }, name: string) {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim()
}
