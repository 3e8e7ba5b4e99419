import { en } from 'zod/locales'
import * as z from 'zod/mini'
import { ValidationError } from './errors.js'

// zod/mini ships no messages until a locale is configured.
z.config(en())

const pointer = (path: PropertyKey[]) =>
  `#${path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')}`

/**
 * Parses untrusted input, reporting every problem with a JSON pointer into the input.
 * @throws ValidationError when the input does not match the schema
 */
export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input)
  if (r.success) return r.data
  throw new ValidationError(r.error.issues.map((i) => ({ pointer: pointer(i.path), detail: i.message })))
}
