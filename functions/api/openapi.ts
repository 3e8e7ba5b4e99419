import {
  CallbackBodySchema,
  CallbackQuerySchema,
  StartQuerySchema,
  TokenExchangeSchema,
} from '../../shared/auth/auth-input.js'
import {
  CountsSchema,
  EditCommentSchema,
  ListCommentsSchema,
  PostCommentSchema,
} from '../../shared/comments/comment-input.js'
import { SiteConfigSchema } from '../../shared/sites/site-schema.js'
import { adminPaths } from './openapi-admin.js'
import { feedbackPaths } from './openapi-feedback.js'
import {
  admin,
  body,
  commentId,
  editToken,
  idempotencyKey,
  jsonSchema,
  ok,
  problem,
  providerId,
  query,
  session,
  siteId,
} from './openapi-parts.js'

/** The OpenAPI 3.1 document of the API, generated from the very schemas that validate requests. */
export function buildOpenApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'Parley', version: '1', description: 'Comments and feedback for any blog.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        SiteConfig: jsonSchema(SiteConfigSchema),
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail', 'code', 'requestId'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            requestId: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { pointer: {}, detail: {} } } },
          },
        },
      },
    },
    paths: {
      '/v1/health': {
        get: { summary: 'Liveness', responses: { '200': { description: '{"status":"ok"}' } } },
      },
      '/v1/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
      },
      '/v1/sites/{siteId}/comments': {
        get: {
          summary: "A page's published comments in thread order, threads oldest, newest or most liked first",
          parameters: [siteId, ...query(ListCommentsSchema)],
          responses: ok('page, comments, nextCursor, formToken'),
        },
        post: {
          summary: 'Post a comment or a reply',
          parameters: [siteId, idempotencyKey],
          requestBody: body(PostCommentSchema),
          responses: ok('the comment, its status, and a guest edit token', '201'),
        },
      },
      '/v1/sites/{siteId}/comments/{id}': {
        patch: {
          summary: "Edit one's own comment within the edit window",
          parameters: [siteId, commentId, editToken],
          requestBody: body(EditCommentSchema),
          responses: ok('the edited comment'),
        },
        delete: {
          summary: "Delete one's own comment within the edit window",
          parameters: [siteId, commentId, editToken],
          responses: ok('deleted', '204'),
        },
      },
      '/v1/sites/{siteId}/counts': {
        get: {
          summary: 'Published comment counts of 1 to 50 pages',
          parameters: [siteId, ...query(CountsSchema)],
          responses: ok('counts by page as given'),
        },
      },
      '/v1/sites/{siteId}/auth/providers': {
        get: {
          summary: "The site's sign-in providers and guest rules (public, no secrets)",
          parameters: [siteId],
          responses: ok('providers and guests'),
        },
      },
      '/v1/sites/{siteId}/auth/token': {
        post: {
          summary: "Exchange a provider's ID token for a session of this site",
          parameters: [siteId],
          requestBody: body(TokenExchangeSchema),
          responses: { ...ok('token, expiresAt, user'), '401': problem('invalid-token') },
        },
      },
      '/v1/sites/{siteId}/auth/me': {
        get: {
          summary: 'The signed-in user',
          security: session,
          parameters: [siteId],
          responses: { ...ok('user'), '401': problem('unauthenticated or invalid-token') },
        },
      },
      '/v1/sites/{siteId}/auth/{providerId}/start': {
        get: {
          summary: "Open the provider's sign-in (the widget's popup)",
          parameters: [siteId, providerId, ...query(StartQuerySchema)],
          responses: {
            '302': { description: 'to the provider (OIDC)' },
            '200': { description: 'the sign-in page' },
          },
        },
      },
      '/v1/sites/{siteId}/auth/{providerId}/callback': {
        get: {
          summary: 'Finish an OIDC sign-in and hand the session to the opener',
          parameters: [siteId, providerId, ...query(CallbackQuerySchema)],
          responses: {
            '200': { description: 'a page posting { type: "parley:session", token, user } to the opener' },
          },
        },
        post: {
          summary: 'Finish a Facebook sign-in: the callback page posts back the ID token from its fragment',
          parameters: [siteId, providerId],
          requestBody: body(CallbackBodySchema),
          responses: ok('{ origin, message }: the message to post to the opener, and its origin'),
        },
      },
      '/embed.js': {
        get: {
          summary: 'The embed widget (contract section 6): one minified script with its CSS',
          responses: {
            '200': { description: 'text/javascript, cached 5 minutes, stale-while-revalidate a day' },
            '304': { description: 'unchanged (If-None-Match)' },
          },
        },
      },
      '/count.js': {
        get: {
          summary: 'Fills every [data-parley-count] element with its page’s comment count',
          responses: {
            '200': { description: 'text/javascript, cached 5 minutes, stale-while-revalidate a day' },
            '304': { description: 'unchanged (If-None-Match)' },
          },
        },
      },
      '/embed/lang/{file}': {
        get: {
          summary: 'The widget’s words in one language other than English (de.json, fr.json, …)',
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'application/json, cached 5 minutes, stale-while-revalidate a day' },
            '304': { description: 'unchanged (If-None-Match)' },
            '404': { description: 'a language the widget does not speak' },
          },
        },
      },
      '/v1/admin/sites': {
        get: { summary: 'All sites', security: admin, responses: ok('{ sites: SiteConfig[] }') },
        post: {
          summary: 'Create a site',
          security: admin,
          requestBody: body(SiteConfigSchema),
          responses: ok('the site', '201'),
        },
      },
      '/v1/admin/sites/{siteId}': {
        get: { summary: 'One site', security: admin, parameters: [siteId], responses: ok('the site') },
        put: {
          summary: "Replace a site's config",
          security: admin,
          parameters: [siteId],
          requestBody: body(SiteConfigSchema),
          responses: ok('the site'),
        },
      },
      ...adminPaths(),
      ...feedbackPaths(),
    },
  }
}
