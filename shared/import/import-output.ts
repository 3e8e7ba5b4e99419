import * as z from 'zod/mini'

/** What an import answers (contract section 5): per batch, what was imported, skipped, refused. */
export const ImportResponseSchema = z.object({
  imported: z.int().check(z.minimum(0)),
  skipped: z.int().check(z.minimum(0)),
  errors: z.array(z.object({ line: z.int().check(z.minimum(1)), code: z.string(), detail: z.string() })),
})
