import type { CommentRecord } from '../comments/comment-record.js'
import type { NotificationEvent } from '../notifications/notification-event.js'
import type { Webhook } from '../sites/site-schema.js'
import { isWebPage, summarizeEvent } from './event-summary.js'

/** A comment as webhooks carry it: what the page shows plus its status and source; no e-mail, IP hash or token. */
const commentData = (c: CommentRecord) => ({
  id: c.id,
  parentId: c.parentId,
  page: c.pageUrl,
  status: c.status,
  author: c.author && {
    name: c.author.name,
    website: c.author.website,
    provider: c.author.provider,
    verified: c.author.verified,
    moderator: c.author.moderator,
  },
  body: c.status === 'deleted' ? '' : c.body,
  html: c.status === 'deleted' ? '' : c.html,
  createdAt: new Date(c.createdAt).toISOString(),
  editedAt: c.editedAt === null ? null : new Date(c.editedAt).toISOString(),
})

/** Standard Webhooks' JSON: `{ type, timestamp, data }`. */
export function standardPayload(event: NotificationEvent): Record<string, unknown> {
  const data =
    event.type === 'feedback.created'
      ? { siteId: event.siteId, feedback: event.feedback }
      : {
          siteId: event.siteId,
          comment: commentData(event.comment),
          ...(event.previous && { previousStatus: event.previous.status }),
        }
  return { type: event.type, timestamp: new Date(event.at).toISOString(), data }
}

// Slack's mrkdwn reads &, < and > as markup (links, @channel): a reader's text gets them escaped.
const slackText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** What a Slack incoming webhook accepts: `text` (the notification) and `blocks` (the message). */
export function slackPayload(event: NotificationEvent): Record<string, unknown> {
  const s = summarizeEvent(event)
  const page = isWebPage(s.page) ? `<${s.page}|${slackText(s.page)}>` : slackText(s.page)
  const by = s.author === null ? '' : ` by *${slackText(s.author)}*`
  const text = `${slackText(s.headline)}${by} on ${page}`
  const quote = s.excerpt && `>${slackText(s.excerpt)}`
  return {
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: quote ? `${text}\n${quote}` : text } }],
  }
}

// Discord reads Markdown: a reader's text is escaped so it cannot format or link, and no mention pings.
const discordText = (text: string) => text.replace(/[\\*_~`|>#[\]()<@]/g, (ch) => `\\${ch}`)

/** What a Discord webhook accepts: `content`, one embed, and no mentions of anyone. */
export function discordPayload(event: NotificationEvent): Record<string, unknown> {
  const s = summarizeEvent(event)
  const by = s.author === null ? '' : ` by **${discordText(s.author)}**`
  return {
    content: `${discordText(s.headline)}${by}`,
    embeds: [
      {
        title: s.page.slice(0, 256),
        ...(isWebPage(s.page) && { url: s.page }),
        ...(s.excerpt && { description: discordText(s.excerpt) }),
        timestamp: new Date(s.at).toISOString(),
      },
    ],
    allowed_mentions: { parse: [] },
  }
}

/** The body a webhook of `format` is posted. */
export const payloadFor = (format: Webhook['format'], event: NotificationEvent) =>
  format === 'slack'
    ? slackPayload(event)
    : format === 'discord'
      ? discordPayload(event)
      : standardPayload(event)

/** The body of a test event a moderator sends from the moderation page (`type: "webhook.test"`). */
export function testPayload(format: Webhook['format'], siteId: string, webhookId: string, now: number) {
  const text = `Test event from Parley for site ${siteId}: this webhook works.`
  if (format === 'slack') return { text: slackText(text) }
  if (format === 'discord') return { content: discordText(text), allowed_mentions: { parse: [] } }
  return { type: 'webhook.test', timestamp: new Date(now).toISOString(), data: { siteId, webhookId } }
}
