import { randomBytes } from 'node:crypto'
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import * as z from 'zod/mini'
import { auditPk } from '../db/item-keys.js'
import type { Store } from '../db/store.js'

/** One admin action: who did what to which target, with the state before and after. */
export interface AuditEntry {
  at: string
  actor: string
  action: string
  target: string
  detail: Record<string, unknown>
}

const AuditEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z._default(z.record(z.string(), z.unknown()), {}),
})

/** The item of an audit entry, to be written in the same transaction as the action it records. */
export function auditItem(siteId: string, entry: Omit<AuditEntry, 'at'>, now: number) {
  const at = new Date(now).toISOString()
  return { pk: auditPk(siteId), sk: `${at}#${randomBytes(4).toString('hex')}`, at, ...entry }
}

/** A site's audit log, newest first, one Query a page. */
export async function queryAudit(store: Store, siteId: string, limit: number, before?: string) {
  const { Items = [] } = await store.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: before === undefined ? 'pk = :pk' : 'pk = :pk AND sk < :before',
      ExpressionAttributeValues: {
        ':pk': auditPk(siteId),
        ...(before !== undefined && { ':before': before }),
      },
      ScanIndexForward: false,
      Limit: limit,
    }),
  )
  return Items.map((i) => ({ sk: String(i.sk), entry: AuditEntrySchema.parse(i) }))
}

/** Writes one audit entry on its own (for actions that are not a comment transaction, like site edits). */
export async function recordAudit(store: Store, siteId: string, entry: Omit<AuditEntry, 'at'>, now: number) {
  await store.send(new PutCommand({ TableName: store.tableName, Item: auditItem(siteId, entry, now) }))
}
