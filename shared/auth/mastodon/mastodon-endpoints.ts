/**
 * Mastodon's API, the same on every server (docs.joinmastodon.org): where Parley registers itself,
 * where the reader is sent to consent, where the code is exchanged and where the profile is read.
 * Paths only: the server is the reader's, checked before any of these is requested.
 */
export const MASTODON = {
  apps: '/api/v1/apps',
  authorize: '/oauth/authorize',
  token: '/oauth/token',
  profile: '/api/v1/accounts/verify_credentials',
  /** The one scope Parley asks for: reading the account's name and picture. */
  scope: 'read:accounts',
  /** The name the reader sees on the server's consent page, and in their list of authorised apps. */
  clientName: 'Parley comments',
  website: 'https://github.com/parley-comments/parley',
} as const
