import * as z from 'zod/mini'

/**
 * The Mastodon popup's server step, as its form posts it: the opener's origin (as `start` was given
 * it) and the server the reader typed or chose. Whether that names a server is the domain's check
 * (`parseServerName`), so the problem points at `#/server` with a reason a reader can act on.
 */
export const MastodonServerFormSchema = z.object({
  origin: z.string().check(z.maxLength(300)),
  server: z.string().check(z.maxLength(300)),
})
