import { BatchWriteCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import type { CommentRecord } from '../comments/comment-record.js'
import type { ChangePlan } from '../comments/comments-repository.js'
import { planStatusChange } from '../comments/plan-status-change.js'
import { keyedHash } from '../crypto/ip-hash.js'
import { AUTHOR_REF_PREFIX, personPk } from '../db/item-keys.js'
import { queryAll } from '../db/query-pages.js'
import { CONFLICT, retryOnConflict } from '../db/retry-on-conflict.js'
import { toAdminComment } from '../moderation/admin-comment.js'
import { recordAudit } from '../moderation/audit-log.js'
import type { ModerationDeps } from '../moderation/moderation-deps.js'
import type { SiteConfig } from '../sites/site-schema.js'

const personItems = (deps: ModerationDeps, pk: string) =>
  queryAll(deps.store, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
  })

async function commentsOf(deps: ModerationDeps, siteId: string, items: Record<string, unknown>[]) {
  const ids = items.filter((i) => String(i.sk).startsWith(AUTHOR_REF_PREFIX)).map((i) => String(i.commentId))
  const found = await Promise.all(ids.map((id) => deps.comments.get(siteId, id)))
  return found.filter((c): c is CommentRecord => c !== undefined)
}

/** Everything stored about a signed-in reader on a site: their profile and their comments. */
export async function personalData(deps: ModerationDeps, site: SiteConfig, userId: string) {
  const items = await personItems(deps, personPk(site.id, { userId }))
  const profile = items.find((i) => i.sk === 'USER')
  const comments = await commentsOf(deps, site.id, items)
  return {
    profile: profile && {
      id: String(profile.id),
      name: String(profile.name),
      avatar: profile.avatar ?? null,
      email: profile.email ?? null,
      provider: String(profile.providerId),
      createdAt: new Date(Number(profile.createdAt)).toISOString(),
    },
    comments: comments.map(toAdminComment),
  }
}

/** A comment with nothing left that points at its author; with `deleteText`, without its text too. */
async function anonymise(
  deps: ModerationDeps,
  before: CommentRecord,
  deleteText: boolean,
): Promise<ChangePlan> {
  const plan =
    deleteText && before.status !== 'deleted'
      ? await planStatusChange(deps, before, 'deleted')
      : { transitions: [{ before, after: before }], pageCountDelta: 0 }
  const [first, ...rest] = plan.transitions
  // Without an address, the wish to hear of replies goes too.
  const { notify: _, ...after } = first?.after ?? before
  const erased: CommentRecord = {
    ...after,
    author: null,
    userId: null,
    ipHash: null,
    userAgent: null,
    editTokenHash: null,
    ...(deleteText && { body: '', html: '' }),
  }
  return { ...plan, transitions: [{ before, after: erased }, ...rest] }
}

/**
 * Erases a person from a site: every comment anonymised (author, e-mail, IP hash gone; the text
 * kept unless `deleteText`), their references and profile deleted, the erasure audited.
 * @returns how many comments were erased
 */
export async function erasePerson(
  deps: ModerationDeps,
  site: SiteConfig,
  person: { userId: string } | { email: string },
  options: { deleteText: boolean; actor: string },
): Promise<number> {
  const key =
    'userId' in person
      ? { userId: person.userId }
      : { emailHash: keyedHash(deps.keys, 'email', person.email) }
  const pk = personPk(site.id, key)
  const items = await personItems(deps, pk)
  let erased = 0
  for (const id of items
    .filter((i) => String(i.sk).startsWith(AUTHOR_REF_PREFIX))
    .map((i) => String(i.commentId))) {
    await retryOnConflict(async () => {
      const before = await deps.comments.get(site.id, id)
      if (!before) return undefined
      return (await deps.comments.commit(await anonymise(deps, before, options.deleteText)))
        ? undefined
        : CONFLICT
    })
    erased++
  }
  const { store } = deps
  for (let i = 0; i < items.length; i += 25) {
    let requests: NonNullable<BatchWriteCommandInput['RequestItems']>[string] = items
      .slice(i, i + 25)
      .map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }))
    // DynamoDB may leave some of a batch unprocessed under load: send those again.
    while (requests.length > 0) {
      const res = await store.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: requests } }))
      requests = res.UnprocessedItems?.[store.tableName] ?? []
    }
  }
  const target = 'userId' in person ? `user:${person.userId}` : 'guest e-mail'
  const detail = { comments: erased, textDeleted: options.deleteText }
  await recordAudit(store, site.id, { actor: options.actor, action: 'erase', target, detail }, deps.clock())
  return erased
}
