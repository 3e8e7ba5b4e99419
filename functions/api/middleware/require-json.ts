import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import {
  invalidField,
  MalformedJsonError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../../shared/errors.js'
import { MAX_IMPORT_BYTES } from '../../../shared/import/import-limits.js'
import { inlinedAppRoutes } from '../inlined-app-routes.js'
import type { BodyKind } from '../manifest/route-spec.js'

export const MAX_BODY_BYTES = 64 * 1024
/** A form of a mail link's page carries one field at most: no reason to read more. */
export const MAX_FORM_BYTES = 8 * 1024

/** Each route whose body is not JSON, as its manifest entry says; any other path is held to JSON. */
const bodyKinds = inlinedAppRoutes.bodies.map(([method, path, body]) => ({
  method,
  path: new RegExp(`^${path.replace(/\./g, '\\.').replace(/:\w+/g, '[^/]+')}$`),
  body,
}))
const bodyKind = (method: string, path: string): BodyKind =>
  bodyKinds.find((r) => r.method === method && r.path.test(path))?.body ?? 'json'

const limit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new PayloadTooLargeError(maxSize)
    },
  })
const jsonLimit = limit(MAX_BODY_BYTES)
const importLimit = limit(MAX_IMPORT_BYTES)
const formLimit = limit(MAX_FORM_BYTES)
const LIMITS = { ndjson: importLimit, form: formLimit, json: jsonLimit, none: jsonLimit }

/** Bodies over their limit (NDJSON 5 MiB, JSON 64 KiB, forms 8 KiB) are refused before they are read in full. */
export const limitBody: MiddlewareHandler = (c, next) => LIMITS[bodyKind(c.req.method, c.req.path)](c, next)

const JSON_TYPE = /^application\/json\s*(;|$)/i
const NDJSON_TYPE = /^application\/x-ndjson\s*(;|$)/i
const ONE_CLICK = 'List-Unsubscribe=One-Click'
const FORM_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i

/**
 * Writes carry what their route declares: JSON (NDJSON, a form) of another type is 415, JSON that does
 * not parse 400 `malformed-json`; a route without a body (a like is the PUT itself) reads none.
 */
export const requireJson: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('Content-Type') ?? ''
  const kind = bodyKind(c.req.method, c.req.path)
  if (kind === 'none') return next()
  if (kind === 'ndjson') {
    if (!NDJSON_TYPE.test(type)) throw new UnsupportedMediaTypeError('application/x-ndjson')
    return next()
  }
  if (kind === 'form') {
    if (!FORM_TYPE.test(type)) {
      // RFC 8058's body, sent by a mail provider's unsubscriber that names no form type (or text/plain):
      // the contract's "a POST with body List-Unsubscribe=One-Click answers 200" holds for it too.
      if ((await c.req.raw.clone().text()).trim() === ONE_CLICK) return next()
      throw new UnsupportedMediaTypeError('application/x-www-form-urlencoded')
    }
    // Read from a copy: the route reads the body itself, and routes loaded on demand get it as sent.
    try {
      await c.req.raw.clone().formData()
    } catch {
      throw invalidField('#', 'the form body does not parse')
    }
    return next()
  }
  if (!JSON_TYPE.test(type)) throw new UnsupportedMediaTypeError('application/json')
  try {
    await c.req.json()
  } catch {
    throw new MalformedJsonError()
  }
  await next()
}
