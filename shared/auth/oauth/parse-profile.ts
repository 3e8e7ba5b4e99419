import * as z from 'zod/mini'
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

/**
 * Fields of a profile that only describe the reader (name, picture, …): any JSON at all, each
 * taken later when it is a usable string and ignored otherwise, so an odd one never fails a sign-in.
 */
export const describedBy = <K extends string>(...names: K[]) =>
  Object.fromEntries(names.map((name) => [name, z.optional(z.unknown())])) as Record<
    K,
    z.ZodMiniOptional<z.ZodMiniUnknown>
  >
