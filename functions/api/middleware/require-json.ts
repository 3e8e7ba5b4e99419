import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import {
  MalformedJsonError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../../shared/errors.js'

export const MAX_BODY_BYTES = 64 * 1024

/** Bodies over 64 KiB are refused before they are read in full. */
export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new PayloadTooLargeError(MAX_BODY_BYTES)
  },
})

const JSON_TYPE = /^application\/json\s*(;|$)/i

/** Writes carry JSON: anything else is 415, and JSON that does not parse is 400 `malformed-json`. */
export const requireJson: MiddlewareHandler = async (c, next) => {
  if (!JSON_TYPE.test(c.req.header('Content-Type') ?? ''))
    throw new UnsupportedMediaTypeError('application/json')
  try {
    await c.req.json()
  } catch {
    throw new MalformedJsonError()
  }
  await next()
}
