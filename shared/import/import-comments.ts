import pLimit from 'p-limit'
import { newCommentId } from '../comments/comment-id.js'
import { type CommentRecord, isInThread } from '../comments/comment-record.js'
import { findIdempotencyRecord, insertComment } from '../comments/insert-comment.js'
import { newCommentRecord } from '../comments/new-comment-record.js'
import { authorRefs, hangUnder } from '../comments/thread-parent.js'
import { keyedHash } from '../crypto/ip-hash.js'
import { sha256 } from '../crypto/mac.js'
import { AppError, invalidField, ParentNotFoundError, ValidationError } from '../errors.js'
import { renderMarkdown } from '../markdown/render-markdown.js'
import type { ModerationDeps } from '../moderation/moderation-deps.js'
import { resolvePage } from '../pages/page-ref.js'
import type { SiteConfig } from '../sites/site-schema.js'
import { parseInput } from '../validation.js'
import { type ImportComment, ImportCommentSchema } from './import-input.js'
import { MAX_IMPORT_LINES } from './import-limits.js'

export interface LineError {
  line: number
  code: string
  detail: string
}

type LineOutcome = 'imported' | 'skipped' | LineError

const PARALLEL = 16
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The key an imported comment is remembered by: importing the same (source, sourceId) again adds nothing. */
const sourceKey = (source: string, sourceId: string) => sha256(`import\n${source}\n${sourceId}`)

const lineError = (line: number, err: unknown): LineError => {
  if (err instanceof ValidationError) return { line, code: 'validation', detail: err.message }
  if (err instanceof AppError) return { line, code: err.code, detail: err.message }
  throw err
}

/** An author as another system recorded them: names may be blank, e-mails and websites invalid. */
function importedAuthor(author: ImportComment['author']): CommentRecord['author'] {
  if (!author) return null
  const website = author.website && /^https?:\/\/[^\s]+$/i.test(author.website) ? author.website : null
  return {
    name: author.name.slice(0, 80) || 'Anonymous',
    email: author.email && EMAIL.test(author.email) ? author.email : null,
    website,
    avatar: null,
    provider: 'guest',
    verified: false,
    moderator: false,
  }
}

/**
 * Imports one batch of NDJSON `ImportComment` lines (contract section 5). Lines are independent: a
 * bad line is reported and the rest go on. Replies wait for their parents in the same batch; a
 * parent must come in an earlier line or batch. Times, threads and counts come out as if the
 * comments had been posted then; deeper threads hang at the site's deepest allowed level.
 * @throws ValidationError when the batch has more lines than one request may carry
 */
export async function importComments(deps: ModerationDeps, site: SiteConfig, ndjson: string) {
  const lines = ndjson.split('\n')
  if (lines.at(-1)?.trim() === '') lines.pop()
  if (lines.length > MAX_IMPORT_LINES) throw invalidField('#', `must have at most ${MAX_IMPORT_LINES} lines`)

  const done = new Map<string, Promise<LineOutcome>>()
  const outcomes: Promise<LineOutcome>[] = []
  const limit = pLimit(PARALLEL)

  lines.forEach((text, index) => {
    const line = index + 1
    let input: ImportComment
    try {
      input = parseInput(ImportCommentSchema, JSON.parse(text))
    } catch (err) {
      const outcome =
        err instanceof SyntaxError
          ? { line, code: 'malformed-json', detail: 'the line is not JSON' }
          : lineError(line, err)
      outcomes.push(Promise.resolve(outcome))
      return
    }
    const parentInBatch =
      input.parentSourceId === null ? undefined : done.get(`${input.source}\n${input.parentSourceId}`)
    const outcome = (async (): Promise<LineOutcome> => {
      await parentInBatch
      return limit(() => importOne(deps, site, input).catch((err: unknown) => lineError(line, err)))
    })()
    done.set(`${input.source}\n${input.sourceId}`, outcome)
    outcomes.push(outcome)
  })

  const results = await Promise.all(outcomes)
  return {
    imported: results.filter((r) => r === 'imported').length,
    skipped: results.filter((r) => r === 'skipped').length,
    errors: results.filter((r): r is LineError => typeof r === 'object'),
  }
}

async function importOne(
  deps: ModerationDeps,
  site: SiteConfig,
  input: ImportComment,
): Promise<'imported' | 'skipped'> {
  const page = resolvePage(site, input.page)
  const key = sourceKey(input.source, input.sourceId)
  const parent = input.parentSourceId === null ? undefined : await findImportedParent(deps, site, input)
  const hung = parent && hangUnder(site, parent)
  const createdAt = Date.parse(input.createdAt)
  // Ids sort by time; a reply stamped before its parent (clock skew at the source) still sorts after it.
  const idTime = Math.max(createdAt, hung ? Number.parseInt(hung.id.slice(0, 9), 36) + 1 : 0)
  const id = newCommentId(idTime)
  // The HTML parser (parse5) loads with the first HTML comment: exports of other systems are Markdown.
  const body =
    input.format === 'html' ? (await import('./html-to-markdown.js')).htmlToMarkdown(input.body) : input.body
  const parentVisible = !parent || isInThread(parent) || parent.status === 'deleted'
  const status = input.status === 'published' && !parentVisible ? 'pending' : input.status
  const record = newCommentRecord({
    id,
    siteId: site.id,
    page,
    parent: hung,
    body,
    html: body.trim() ? renderMarkdown(body) : '',
    author: importedAuthor(input.author),
    status,
    createdAt,
    reasons: status === input.status ? [] : ['parent-not-published'],
  })
  const email = record.author?.email
  const outcome = await insertComment(deps.store, record, {
    pageTitle: input.pageTitle,
    idempotency: { key, requestHash: 'import' },
    rateLimits: [],
    bans: [],
    duplicates: { fingerprints: [], expiresAt: 0 },
    nowSeconds: Math.floor(deps.clock() / 1000),
    alsoPut: authorRefs(record, email ? keyedHash(deps.keys, 'email', email) : null),
    parentPaths: hung?.paths,
  })
  if (outcome === 'inserted') return 'imported'
  if (outcome === 'idempotency-key-taken') return 'skipped'
  throw new AppError('not-found', 'the parent comment went away during the import')
}

/** The comment an import line replies to, imported earlier by its source id. */
async function findImportedParent(deps: ModerationDeps, site: SiteConfig, input: ImportComment) {
  const mapped = await findIdempotencyRecord(
    deps.store,
    site.id,
    sourceKey(input.source, input.parentSourceId ?? ''),
  )
  const parent = mapped && (await deps.comments.get(site.id, mapped.commentId))
  if (!parent) throw new ParentNotFoundError(input.parentSourceId ?? '')
  return parent
}
