import { validator } from 'hono/validator'
import type * as z from 'zod/mini'
import { parseInput } from '../../../shared/validation.js'

/** Validates the JSON body or the query with a zod schema; failures become 400 `validation` with pointers. */
export const validate = <T extends 'json' | 'query', S extends z.ZodMiniType>(target: T, schema: S) =>
  validator(target, (value): z.output<S> => parseInput(schema, value))
