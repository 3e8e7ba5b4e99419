import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import {
  MalformedJsonError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../../shared/errors.js'
import { MAX_IMPORT_BYTES } from '../../../shared/import/import-limits.js'

export const MAX_BODY_BYTES = 64 * 1024

/** Imports are NDJSON batches, up to 5 MiB; every other body is JSON, up to 64 KiB. */
const isImport = (path: string) => /^\/v1\/admin\/sites\/[^/]+\/import$/.test(path)
/** Writes that carry no body at all: a like is the PUT itself. */
const isBodiless = (path: string) => /\/reactions\/like$/.test(path)

const limit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new PayloadTooLargeError(maxSize)
    },
  })
const jsonLimit = limit(MAX_BODY_BYTES)
const importLimit = limit(MAX_IMPORT_BYTES)

/** Bodies over their limit are refused before they are read in full. */
export const limitBody: MiddlewareHandler = (c, next) =>
  (isImport(c.req.path) ? importLimit : jsonLimit)(c, next)

const JSON_TYPE = /^application\/json\s*(;|$)/i
const NDJSON_TYPE = /^application\/x-ndjson\s*(;|$)/i

/** Writes carry JSON (imports NDJSON): anything else is 415, JSON that does not parse 400 `malformed-json`. */
export const requireJson: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('Content-Type') ?? ''
  if (isBodiless(c.req.path)) return next()
  if (isImport(c.req.path)) {
    if (!NDJSON_TYPE.test(type)) throw new UnsupportedMediaTypeError('application/x-ndjson')
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
