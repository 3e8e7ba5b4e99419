import { ImportCommentSchema } from '../../shared/import/import-input.js'
import {
  BanSchema,
  EraseSchema,
  ModerationSchema,
  PageQuerySchema,
  QueueQuerySchema,
} from '../../shared/moderation/moderation-input.js'
import { admin, body, jsonSchema, ok, query, session, siteId } from './openapi-parts.js'

const banId = { name: 'banId', in: 'path', required: true, schema: { type: 'string' } }
const adminOrModerator = 'the admin key, or a session of one of the site moderators'

/** Moderation, bans, audit, import, export and erasure (contract section 5). */
export const adminPaths = () => ({
  '/v1/admin/sites/{siteId}/comments': {
    get: {
      summary: `A status queue, newest first (${adminOrModerator})`,
      security: admin,
      parameters: [siteId, ...query(QueueQuerySchema)],
      responses: ok('{ comments: AdminComment[], nextCursor }'),
    },
  },
  '/v1/admin/sites/{siteId}/moderation': {
    post: {
      summary: 'Apply an action to up to 100 comments, a result per id',
      security: admin,
      parameters: [siteId],
      requestBody: body(ModerationSchema),
      responses: ok('{ results: [{ id, status } | { id, error }] }'),
    },
  },
  '/v1/admin/sites/{siteId}/bans': {
    get: { summary: 'Bans', security: admin, parameters: [siteId], responses: ok('{ bans: Ban[] }') },
    post: {
      summary: 'Ban a user, e-mail or IP',
      security: admin,
      parameters: [siteId],
      requestBody: body(BanSchema),
      responses: ok('the ban', '201'),
    },
  },
  '/v1/admin/sites/{siteId}/bans/{banId}': {
    delete: {
      summary: 'Lift a ban',
      security: admin,
      parameters: [siteId, banId],
      responses: ok('lifted', '204'),
    },
  },
  '/v1/admin/sites/{siteId}/audit': {
    get: {
      summary: 'Every admin action, newest first',
      security: admin,
      parameters: [siteId, ...query(PageQuerySchema)],
      responses: ok('{ entries, nextCursor }'),
    },
  },
  '/v1/admin/sites/{siteId}/import': {
    post: {
      summary: 'Import up to 1000 ImportComment lines (5 MiB), idempotent by source and sourceId (admin key)',
      security: admin,
      parameters: [siteId],
      requestBody: {
        required: true,
        content: { 'application/x-ndjson': { schema: jsonSchema(ImportCommentSchema) } },
      },
      responses: ok('{ imported, skipped, errors: [{ line, code, detail }] }'),
    },
  },
  '/v1/admin/sites/{siteId}/export': {
    get: {
      summary: 'Every comment in every status as ImportComment lines, parents first, streamed (admin key)',
      security: admin,
      parameters: [siteId],
      responses: {
        '200': {
          description: 'application/x-ndjson',
          content: { 'application/x-ndjson': { schema: jsonSchema(ImportCommentSchema) } },
        },
      },
    },
  },
  '/v1/admin/sites/{siteId}/erase': {
    post: {
      summary: "Erase a guest's comments by e-mail",
      security: admin,
      parameters: [siteId],
      requestBody: body(EraseSchema),
      responses: ok('{ erased: n }'),
    },
  },
  '/v1/sites/{siteId}/me/data': {
    get: {
      summary: 'Everything stored about the signed-in reader',
      security: session,
      parameters: [siteId],
      responses: ok('{ profile, comments }'),
    },
  },
  '/v1/sites/{siteId}/me': {
    delete: {
      summary:
        'Erase the signed-in reader: profile deleted, comments anonymised (?comments=delete removes their text)',
      security: session,
      parameters: [
        siteId,
        { name: 'comments', in: 'query', required: false, schema: { enum: ['keep', 'delete'] } },
      ],
      responses: ok('erased', '204'),
    },
  },
})
