import type { PostCommentResponse } from '../contracts/index.js'
import { keyedHash } from '../crypto/ip-hash.js'
import { sha256 } from '../crypto/mac.js'
import { rateLimited } from '../db/rate-limit.js'
import {
  BannedError,
  DuplicateCommentError,
  GuestsNotAllowedError,
  IdempotencyConflictError,
  invalidField,
} from '../errors.js'
import { renderMarkdownOnDemand } from '../markdown/render-on-demand.js'
import { heldStatus, holdReasons } from '../moderation/spam-checks.js'
import { resolvePage } from '../pages/page-ref.js'
import type { SiteConfig } from '../sites/site-schema.js'
import { checkBodyLength } from './body-length.js'
import type { CommentDeps, Requester, SignedInAuthor } from './comment-deps.js'
import { newCommentId } from './comment-id.js'
import { type CommentRecord, toPublicComment } from './comment-record.js'
import { editTokenFor, hashEditToken } from './comment-tokens.js'
import type { PostCommentInput } from './comment-write-input.js'
import { findIdempotencyRecord, insertComment } from './insert-comment.js'
import { newCommentRecord } from './new-comment-record.js'
import { authorRefs, hangUnder } from './thread-parent.js'

const IDEMPOTENCY_SECONDS = 24 * 3600

/**
 * Posts a guest's comment: published at once, held as pending (pre-moderation), or held as spam
 * (honeypot). Replies deeper than the site allows hang under their deepest allowed ancestor.
 * @throws ValidationError, GuestsNotAllowedError, PageNotOnSiteError, RateLimitedError,
 *   IdempotencyConflictError, UnavailableError
 */
export async function postComment(
  deps: CommentDeps,
  site: SiteConfig,
  input: PostCommentInput,
  requester: Requester & { idempotencyKey?: string | undefined },
): Promise<PostCommentResponse> {
  const page = resolvePage(site, input.page, input.pageId)
  const { user } = requester
  const author = user ? signedInAuthor(user) : guestAuthor(site, input)
  checkBodyLength(input.body, site)

  const now = deps.clock()
  const id = newCommentId(now)
  const named =
    input.parentId === undefined ? undefined : await findParent(deps, site, page.key, input.parentId)
  const parent = named && hangUnder(site, named)
  const reasons = holdReasons(deps.keys, site, input, now)
  const akismet = site.spam.akismet
  if (akismet && reasons.length === 0) {
    const verdict = await deps.checkWithAkismet(akismet.key, {
      blog: site.origins[0] ?? page.url,
      permalink: page.url,
      ip: requester.ip ?? '',
      userAgent: requester.userAgent ?? '',
      author: author.name,
      email: author.email,
      website: author.website,
      body: input.body,
      createdAt: now,
    })
    if (verdict !== 'ham') reasons.push(verdict === 'spam' ? 'akismet' : 'akismet-unavailable')
  }
  const record = newCommentRecord({
    id,
    siteId: site.id,
    page,
    parent,
    body: input.body,
    html: await renderMarkdownOnDemand(input.body),
    author,
    status: reasons.length > 0 ? heldStatus(reasons) : site.moderation === 'pre' ? 'pending' : 'published',
    createdAt: now,
    userId: user?.id ?? null,
    editTokenHash: user ? null : hashEditToken(editTokenFor(deps.keys, site.id, id)),
    ipHash: requester.ipHash,
    userAgent: requester.userAgent?.slice(0, 512) ?? null,
    reasons,
    // Replies can only be mailed to an address: a guest's without one is dropped here. A signed-in
    // reader's address is in their user record (only when their provider verified it), which the
    // notifier reads when there is a reply to tell of.
    ...(input.notify === true && (user || author.email !== null) && { notify: true }),
  })
  const requestHash = sha256(JSON.stringify(input))
  const idempotencyKey = requester.idempotencyKey && sha256(requester.idempotencyKey)
  const outcome = await insertComment(deps.store, record, {
    pageTitle: input.pageTitle,
    idempotency: idempotencyKey
      ? { key: idempotencyKey, requestHash, expiresAt: Math.ceil(now / 1000) + IDEMPOTENCY_SECONDS }
      : undefined,
    ...guards(deps, site, record, user?.subject, now),
    // A reply to a thread's root has just read the rank the thread has.
    threadRoot: named?.parentId === null ? named : undefined,
    alsoPut: authorRefs(
      record,
      record.author?.email ? keyedHash(deps.keys, 'email', record.author.email) : null,
    ),
  })
  switch (outcome) {
    case 'inserted':
      return created(deps, record)
    case 'idempotency-key-taken':
      return replay(deps, site.id, idempotencyKey ?? '', requestHash)
    case 'rate-limited':
      throw rateLimited(now)
    case 'banned':
      throw new BannedError()
    case 'duplicate':
      throw new DuplicateCommentError()
    case 'parent-gone':
      throw invalidField('#/parentId', 'must be a published comment of this page')
  }
}

/** The same body from the same author or IP within this time is a duplicate. */
const DUPLICATE_SECONDS = 600

/**
 * What the insert transaction checks besides the comment itself: rate limits per IP and per user,
 * every ban that could apply (user, e-mail, IP), and this body's fingerprints by author and by IP.
 */
function guards(
  deps: CommentDeps,
  site: SiteConfig,
  c: CommentRecord,
  subject: string | undefined,
  now: number,
) {
  const nowSeconds = Math.floor(now / 1000)
  const limit = site.limits.commentsPerMinutePerIp
  const email = c.author?.email ?? null
  const bans = [{ kind: 'ip', hash: c.ipHash ?? '' }]
  if (email) bans.push({ kind: 'email', hash: keyedHash(deps.keys, 'email', email) })
  for (const user of [c.userId, subject])
    if (user) bans.push({ kind: 'user', hash: keyedHash(deps.keys, 'user', user) })
  const body = c.body.trim().replace(/\s+/g, ' ').toLowerCase()
  // A guest's name proves nothing (two readers may share it); their IP and e-mail say more.
  const author = c.userId ?? email
  return {
    rateLimits: [{ key: `ip#${c.ipHash}`, limit }, ...(c.userId ? [{ key: `user#${c.userId}`, limit }] : [])],
    bans,
    duplicates: {
      fingerprints: site.spam.heuristics
        ? [sha256(`ip\n${c.ipHash}\n${body}`), ...(author ? [sha256(`author\n${author}\n${body}`)] : [])]
        : [],
      expiresAt: nowSeconds + DUPLICATE_SECONDS,
    },
    nowSeconds,
  }
}

/**
 * A guest as author, with the name, e-mail and website the site requires.
 * @throws GuestsNotAllowedError, ValidationError
 */
function guestAuthor(site: SiteConfig, input: PostCommentInput): NonNullable<CommentRecord['author']> {
  if (!site.guests.allowed) throw new GuestsNotAllowedError()
  if (!input.author) throw invalidField('#/author/name', 'is required for guests')
  if (site.guests.requireEmail && !input.author.email)
    throw invalidField('#/author/email', 'is required by this site')
  const { name, email, website } = input.author
  return {
    name,
    email: email ?? null,
    website: website ?? null,
    avatar: null,
    provider: 'guest',
    verified: false,
    moderator: false,
  }
}

/** A signed-in reader as author: their provider's profile, verified; `author` in the body is ignored. */
const signedInAuthor = (user: SignedInAuthor): NonNullable<CommentRecord['author']> => ({
  name: user.name,
  email: user.email,
  website: null,
  avatar: user.avatar,
  provider: user.providerType,
  verified: true,
  moderator: user.moderator,
})

/** The published comment of this page a reply names. */
async function findParent(deps: CommentDeps, site: SiteConfig, pageKey: string, parentId: string) {
  const named = await deps.comments.get(site.id, parentId)
  if (named?.status !== 'published' || named.pageKey !== pageKey) {
    throw invalidField('#/parentId', 'must be a published comment of this page')
  }
  return named
}

function created(deps: CommentDeps, c: CommentRecord): PostCommentResponse {
  return {
    // A comment held as spam is reported as pending: a bot learns nothing from the answer.
    comment: { ...toPublicComment(c), status: c.status === 'published' ? 'published' : 'pending' },
    ...(c.userId === null && { editToken: editTokenFor(deps.keys, c.siteId, c.id) }),
  }
}

async function replay(deps: CommentDeps, siteId: string, key: string, requestHash: string) {
  const first = await findIdempotencyRecord(deps.store, siteId, key)
  if (!first || first.requestHash !== requestHash) throw new IdempotencyConflictError()
  const comment = await deps.comments.get(siteId, first.commentId)
  if (!comment) throw new IdempotencyConflictError()
  return created(deps, comment)
}
