import * as z from 'zod/mini'
import type { ErrorCode } from '../../shared/errors.js'
import { EAGER_REQUESTS } from './manifest/eager-requests.js'
import { ON_DEMAND_REQUESTS } from './manifest/on-demand-requests.js'
import { RESPONSES } from './manifest/responses.js'
import { answeredAsPage } from './manifest/route-problems.js'
import type { ResponseName, ResponseSpec, RouteSpec } from './manifest/route-spec.js'

/** Pieces of the OpenAPI document, built from the schemas that validate requests and responses. */
export const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >
  return rest
}

/** Schemas the document names once, under `components`, and refers to. */
export const COMPONENTS = { SiteConfig: ON_DEMAND_REQUESTS.SiteConfig, Problem: RESPONSES.Problem }
const componentOf = (schema: z.ZodMiniType) => Object.entries(COMPONENTS).find(([, s]) => s === schema)?.[0]

const schemaOf = (schema: z.ZodMiniType, io: 'input' | 'output') => {
  const component = componentOf(schema)
  return component ? { $ref: `#/components/schemas/${component}` } : jsonSchema(schema, io)
}

const requestSchema = (route: RouteSpec, name: string) => {
  const registry: Record<string, z.ZodMiniType> =
    route.chunk === 'eager' ? EAGER_REQUESTS : ON_DEMAND_REQUESTS
  const schema = registry[name]
  if (!schema) throw new Error(`no request schema ${name}`)
  return schema
}

const PATH_PARAMS: Record<string, object> = { siteId: { type: 'string', pattern: '^[a-z0-9-]{2,64}$' } }

/** Path parameters, headers and query parameters of a route. */
export function parameters(route: RouteSpec) {
  const path = [...route.path.matchAll(/:(\w+)/g)].map(([, name = '']) => ({
    name,
    in: 'path',
    required: true,
    schema: PATH_PARAMS[name] ?? { type: 'string' },
  }))
  const headers = Object.entries(route.request?.headers ?? {}).map(([name, schema]) => ({
    name,
    in: 'header',
    required: false,
    schema: jsonSchema(requestSchema(route, schema), 'input'),
  }))
  const queryName = route.request?.query
  const query = queryName === undefined ? {} : jsonSchema(requestSchema(route, queryName), 'input')
  const { properties = {}, required = [] } = query as {
    properties?: Record<string, unknown>
    required?: string[]
  }
  const queryParams = Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema,
  }))
  return [...path, ...headers, ...queryParams]
}

export function requestBody(route: RouteSpec) {
  const { json, ndjson, form } = route.request ?? {}
  if (json !== undefined)
    return {
      required: true,
      content: { 'application/json': { schema: schemaOf(requestSchema(route, json), 'input') } },
    }
  if (form !== undefined) {
    const schema = schemaOf(requestSchema(route, form), 'input')
    return {
      required: false,
      content: { 'application/x-www-form-urlencoded': { schema }, 'multipart/form-data': { schema } },
    }
  }
  if (ndjson !== undefined)
    return {
      required: true,
      content: { 'application/x-ndjson': { schema: schemaOf(requestSchema(route, ndjson), 'input') } },
    }
  return undefined
}

const response = (name: ResponseName) => schemaOf(RESPONSES[name], 'output')

export function success(spec: ResponseSpec) {
  if ('json' in spec)
    return {
      description: spec.description ?? spec.json,
      content: { 'application/json': { schema: response(spec.json) } },
    }
  if ('type' in spec)
    return {
      description: spec.description,
      content: { [spec.type]: spec.schema === undefined ? {} : { schema: response(spec.schema) } },
    }
  return { description: spec.description }
}

/** A problem status and the codes a route can answer with it; pages in the popup answer it as HTML. */
export const problem = (route: RouteSpec, status: number, codes: ErrorCode[]) => ({
  description: codes.join(', '),
  content: answeredAsPage(route, codes)
    ? { 'text/html': {} }
    : {
        'application/problem+json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/Problem' },
              { properties: { status: { const: status }, code: { enum: codes } } },
            ],
          },
        },
      },
})
