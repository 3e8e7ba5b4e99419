import type * as z from 'zod/mini'
import { InvalidTokenError } from '../../errors.js'

/**
 * A profile API's JSON, parsed at the boundary: a profile without the provider's id (or with one
 * of the wrong shape) is not an identity.
 * @throws InvalidTokenError when it does not parse
 */
export function parseProfile<S extends z.ZodMiniType>(schema: S, json: unknown): z.infer<S> {
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw new InvalidTokenError('the provider’s profile has no id of the reader')
  return parsed.data
}
