import type { Context, Handler, Hono, MiddlewareHandler, TypedResponse } from 'hono'
import type { StatusCode } from 'hono/utils/http-status'
import type { JSONParsed } from 'hono/utils/types'
import type * as z from 'zod/mini'
import { invalidField, UnauthenticatedError } from '../../../shared/errors.js'
import { parseInput } from '../../../shared/validation.js'
import type { AppDeps, AppEnv } from '../app-env.js'
import { requireAdmin } from '../middleware/admin-auth.js'
import { edgeCache } from '../middleware/edge-cache.js'
import type { RESPONSES } from './responses.js'
import type { RouteId, RouteOf, Routes } from './route-manifest.js'
import { type RouteRule, type RouteRules, rulesOf } from './route-rules.js'
import type { Access, Chunk, ResponseName } from './route-spec.js'

type Registry = Record<string, z.ZodMiniType>
type Validated<R, Reg extends Registry> = R extends { request: infer Q }
  ? {
      [T in keyof Q & ('query' | 'json' | 'form') as Q extends { jsonParsedByDomain: true }
        ? Exclude<T, 'json'>
        : T]: Q[T] extends keyof Reg ? z.output<Reg[Q[T]]> : never
    }
  : object

/**
 * What a route's handler may answer: where every answer it documents is JSON, a `c.json()` of a
 * value its schemas describe (so a handler whose answer drifts fails to compile); else any response.
 */
type Answer<K extends RouteId> = Routes[K]['responses'] extends infer R
  ? [{ [S in keyof R]: R[S] extends { json: ResponseName } ? never : S }[keyof R]] extends [never]
    ? TypedResponse<
        JSONParsed<
          z.output<
            (typeof RESPONSES)[{ [S in keyof R]: R[S] extends { json: infer N } ? N : never }[keyof R] &
              ResponseName]
          >
        >,
        StatusCode,
        'json'
      >
    : Response
  : never

/** The handler of a route: its path params, validated input and answer typed from its manifest entry. */
export type RouteHandler<K extends RouteId, Reg extends Registry> = Handler<
  AppEnv,
  Routes[K]['path'],
  { out: Validated<Routes[K], Reg> },
  Answer<K> | Promise<Answer<K>>
>

/** A chunk's handlers, one per route of the chunk (a missing one fails to compile); a middleware may go first. */
export type ChunkHandlers<C extends Chunk, Reg extends Registry> = {
  [K in RouteOf<C>]: RouteHandler<K, Reg> | readonly [MiddlewareHandler<AppEnv>, RouteHandler<K, Reg>]
}

/** `session`: a signed-in reader; `moderator` also loads the site the path names, for the handler. */
const accessCheck = (deps: AppDeps, access: Access): MiddlewareHandler<AppEnv>[] => {
  switch (access) {
    case 'public':
      return []
    case 'session':
      return [
        async (c, next) => {
          if (!c.get('session')) throw new UnauthenticatedError('a session is required')
          await next()
        },
      ]
    case 'admin':
      return [requireAdmin(deps, { moderators: false })]
    case 'moderator':
      return [
        requireAdmin(deps, { moderators: true }),
        async (c, next) => {
          const siteId = c.req.param('siteId')
          if (siteId !== undefined) c.set('site', await deps.sites.get(siteId))
          await next()
        },
      ]
  }
}

/** Optional headers, each checked when sent: a failure points at `#/headers/<lower-case name>`. */
const headerCheck =
  (headers: Readonly<Record<string, string>>, schemas: Registry): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    for (const [name, schemaName] of Object.entries(headers)) {
      const value = c.req.header(name)
      const schema = schemas[schemaName]
      if (value === undefined || !schema) continue
      const r = schema.safeParse(value)
      if (!r.success)
        throw invalidField(`#/headers/${name.toLowerCase()}`, r.error.issues[0]?.message ?? 'invalid')
    }
    await next()
  }

/** `?a=1&b=2&b=3` as `{ a: '1', b: ['2', '3'] }`: a parameter given once is a string. */
const queryOf = (c: Context) =>
  Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v]))

/** What a validated target's schema reads: the query, or the body `requireJson` has checked. */
const inputOf = (c: Context, target: 'query' | 'json' | 'form'): unknown | Promise<unknown> =>
  target === 'query' ? queryOf(c) : target === 'json' ? c.req.json() : c.req.parseBody({ all: true })

/**
 * Parses the query, the JSON or the form body with its schema, for the handler's `c.req.valid()`.
 * What Hono's `validator()` does, without the cookie readers it brings to every cold start;
 * `requireJson` has already checked and parsed the body.
 */
const validated =
  (target: 'query' | 'json' | 'form', schema: z.ZodMiniType): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const data: unknown = parseInput(schema, await inputOf(c, target))
    if (typeof data !== 'object' || data === null)
      throw new TypeError(`a ${target} schema must parse to an object`)
    c.req.addValidatedData(target, data)
    await next()
  }

/** Before a route's own middleware: edge caching, who may call. After it: query, body, headers. */
function chainOf(deps: AppDeps, route: RouteRule, schemas: Registry) {
  const { request } = route
  const schema = (name: string | undefined) => {
    if (name === undefined) return undefined
    const found = schemas[name]
    if (!found) throw new Error(`no request schema ${name} in the ${route.chunk} chunk`)
    return found
  }
  const query = schema(request?.query)
  const json = request?.jsonParsedByDomain ? undefined : schema(request?.json)
  const form = schema(request?.form)
  const guards: MiddlewareHandler<AppEnv>[] = [
    ...(route.edge === 'public-read' ? [edgeCache] : []),
    ...accessCheck(deps, route.access),
  ]
  const validators: MiddlewareHandler<AppEnv>[] = [
    ...(query ? [validated('query', query)] : []),
    ...(json ? [validated('json', json)] : []),
    ...(form ? [validated('form', form)] : []),
    // After the body, as the contract's first check of a write is its body.
    ...(request?.headers ? [headerCheck(request.headers, schemas)] : []),
  ]
  return { guards, validators }
}

type On = (
  method: string,
  path: string,
  ...handlers: (MiddlewareHandler<AppEnv> | Handler<AppEnv>)[]
) => unknown

/**
 * Mounts the routes of one chunk on `app`, each as its manifest entry says: edge caching, who may
 * call, the schemas that validate its headers, query and body, then its handler.
 */
export function mountRoutes<C extends Chunk, Reg extends Registry>(
  app: Hono<AppEnv>,
  deps: AppDeps,
  chunk: C,
  rules: Partial<RouteRules>,
  schemas: Reg,
  handlers: ChunkHandlers<C, Reg>,
) {
  const on = app.on.bind(app) as On
  for (const [id, route] of rulesOf(rules, chunk)) {
    const given = handlers[id] as Handler<AppEnv> | readonly [MiddlewareHandler<AppEnv>, Handler<AppEnv>]
    const [own, handler] = typeof given === 'function' ? [[], given] : [[given[0]], given[1]]
    const { guards, validators } = chainOf(deps, route, schemas)
    // A route's own middleware (the popup's failure pages) sees the validators' failures too.
    on(route.method, route.path, ...guards, ...own, ...validators, handler)
  }
  return app
}
