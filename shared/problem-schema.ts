import * as z from 'zod/mini'

/** Every 4xx/5xx answer (contract section 1): RFC 9457 problem details with a stable `code`. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  code: z.string(),
  requestId: z.string(),
  errors: z.optional(z.array(z.object({ pointer: z.string(), detail: z.string() }))),
})
