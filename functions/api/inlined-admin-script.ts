/**
 * The moderation page's script when inlined into a bundle: the Lambda build (`functions/api/build.ts`)
 * replaces this module with one exporting it. A module of its own, imported when the page is first
 * asked for, so its text stays out of every other request. Unbundled (local mode, tests): none.
 */
export const inlinedAdminScript: string | undefined = undefined
