import * as z from 'zod/mini'

/**
 * The popup's address form: the address (normalised as its keyed hash is: trimmed, lower case) and
 * the name to show; or `resend`, a new code to the address the flow holds.
 */
export const EmailCodeFormSchema = z.object({
  email: z.optional(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254), z.email())),
  name: z.optional(z.string().check(z.trim(), z.maxLength(80))),
  resend: z.optional(z.literal('1')),
})

/** The popup's code form: the six digits from the mail. */
export const EmailVerifyFormSchema = z.object({
  code: z.string().check(z.trim(), z.regex(/^[0-9]{6}$/, 'must be the six digits from the mail')),
})
