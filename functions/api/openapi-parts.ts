import * as z from 'zod/mini'

/** Pieces of the OpenAPI document, built from the schemas that validate requests. */
export type Schema = z.ZodMiniType
export const jsonSchema = (schema: Schema) => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >
  return rest
}

export const siteId = {
  name: 'siteId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[a-z0-9-]{2,64}$' },
}
export const commentId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } }
export const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 128 },
}
export const editToken = { name: 'X-Edit-Token', in: 'header', required: false, schema: { type: 'string' } }

/** Query parameters, straight from the schema that validates them. */
export function query(schema: Schema) {
  const s = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] }
  return Object.entries(s.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: s.required?.includes(name) ?? false,
    schema,
  }))
}

export const body = (schema: Schema) => ({
  required: true,
  content: { 'application/json': { schema: jsonSchema(schema) } },
})
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})
export const ok = (description: string, status = '200') => ({
  [status]: { description },
  '400': problem('validation or malformed-json'),
  '403': problem('origin-not-allowed, page-not-on-site, …'),
  '404': problem('site-not-found, comment-not-found'),
  '429': problem('rate-limited'),
  '503': problem('unavailable'),
})
export const admin = [{ bearer: [] }]
export const session = [{ bearer: [] }]
export const providerId = { name: 'providerId', in: 'path', required: true, schema: { type: 'string' } }
