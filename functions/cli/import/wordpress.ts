import { createHash } from 'node:crypto'
import type { ConversionReport } from './conversion-report.js'
import type { ImportComment } from './import-comment.js'
import { type OriginMapping, pageUrl } from './page-url.js'
import { parentsFirst } from './parents-first.js'
import { plainText } from './plain-text.js'
import { WXR_COMMENT_FIELDS, type WxrComment, wordpressComment } from './wordpress-comment.js'
import { ExportFileError, readXml, type XmlElement } from './xml-stream.js'

/** WXR 1.0, 1.1 and 1.2 differ in their namespace's version (and, lately, its scheme). */
const WXR_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/$/

const isWxr = (element: XmlElement | undefined, local?: string) =>
  element !== undefined && WXR_NAMESPACE.test(element.uri) && (local === undefined || element.local === local)
const isItem = (element: XmlElement | undefined) =>
  element?.local === 'item' && element.uri === '' && element.parent?.local === 'channel'

/** What is read of a post: never its body. */
const POST_FIELDS = new Set(['title', 'link', 'wp:post_id', 'wp:post_password'])
const fieldName = (element: XmlElement) =>
  isWxr(element) ? `wp:${element.local}` : element.uri === '' ? element.local : ''

interface Post {
  fields: Record<string, string>
  comments: WxrComment[]
}

export interface ConvertOptions {
  mappings: readonly OriginMapping[]
  report: ConversionReport
}

/**
 * Streams a WordPress export (WXR) as import lines. Only one post's comments are held at a time:
 * WordPress lists them in no particular order, so each post's are put parents first when it ends.
 * @throws ExportFileError when the file is not well-formed XML or not a WordPress export
 */
export function convertWordPress(path: string, options: ConvertOptions): AsyncGenerator<ImportComment> {
  return readXml<ImportComment>(path, (emit) => {
    let post: Post | undefined
    let comment: Record<string, string> | undefined
    let sawWxr = false
    const seen = new Set<string>()
    return {
      open(element) {
        if (element.depth === 1 && (element.local !== 'rss' || element.uri !== '')) {
          throw new ExportFileError(
            `${path} is not a WordPress export: its root is <${element.local}>, not <rss>`,
          )
        }
        sawWxr ||= isWxr(element)
        if (isItem(element)) post = { fields: {}, comments: [] }
        else if (isItem(element.parent) && isWxr(element, 'comment')) comment = {}
        else if (isItem(element.parent)) return POST_FIELDS.has(fieldName(element))
        else if (isWxr(element.parent, 'comment') && isWxr(element)) {
          return comment !== undefined && WXR_COMMENT_FIELDS.has(element.local)
        }
        return false
      },
      close(element, text) {
        if (element.depth === 1 && !sawWxr) {
          throw new ExportFileError(`${path} is an RSS feed, not a WordPress export: it has no wp: elements`)
        }
        if (!post) return
        if (isItem(element)) {
          for (const line of postLines(post, seen, options)) emit(line)
          post = undefined
        } else if (comment && isItem(element.parent) && isWxr(element, 'comment')) {
          post.comments.push(wxrComment(comment))
          comment = undefined
        } else if (comment && isWxr(element.parent, 'comment')) comment[element.local] = text
        else if (isItem(element.parent) && POST_FIELDS.has(fieldName(element)))
          post.fields[fieldName(element)] = text
      },
    }
  })
}

const wxrComment = (fields: Record<string, string>) =>
  Object.fromEntries(
    [...WXR_COMMENT_FIELDS].map((name) => [name, fields[name] ?? '']),
  ) as unknown as WxrComment

function postLines(post: Post, seen: Set<string>, { mappings, report }: ConvertOptions): ImportComment[] {
  if (post.comments.length === 0) return []
  const link = post.fields.link?.trim() ?? ''
  const url = pageUrl(link, mappings)
  const title = plainText(post.fields.title ?? '').slice(0, 300) || undefined
  if (!url) {
    for (const _ of post.comments) report.skip('no-page')
    report.warn(
      `post "${title ?? post.fields['wp:post_id']}" has no absolute link ("${link}"): its comments are skipped`,
    )
    return []
  }
  const lines = post.comments.flatMap((raw) => wordpressComment(raw, { url, title }, report) ?? [])
  if (post.fields['wp:post_password'] && lines.length > 0) {
    report.warn(`${url} is password-protected in WordPress; its ${lines.length} comments will be public`)
  }
  return parentsFirst(uniqueIds(lines, seen, post, report), (line) => {
    report.warn(
      `comment ${line.sourceId} on ${url} replies to ${line.parentSourceId}, which is not imported: it becomes a top-level comment`,
    )
    return { ...line, parentSourceId: null }
  })
}

/**
 * WordPress numbers comments site-wide, but hand-made exports repeat ids: a repeated one gets a
 * stable new id (`11@post-4`) so both comments land, and replies in its post follow it.
 */
function uniqueIds(lines: ImportComment[], seen: Set<string>, post: Post, report: ConversionReport) {
  const renamed = new Map<string, string>()
  const unique = lines.map((line) => {
    if (!seen.has(line.sourceId)) {
      seen.add(line.sourceId)
      return line
    }
    const postId = post.fields['wp:post_id']?.trim()
    const base = `${line.sourceId}@${postId ? `post-${postId}` : `page-${shortHash(line.page)}`}`
    let id = base
    for (let n = 2; seen.has(id); n++) id = `${base}-${n}`
    seen.add(id)
    renamed.set(line.sourceId, id)
    report.warn(`comment id ${line.sourceId} appears twice; the one on ${line.page} is imported as ${id}`)
    return { ...line, sourceId: id }
  })
  if (renamed.size === 0) return unique
  return unique.map((line) => {
    const parent = line.parentSourceId === null ? undefined : renamed.get(line.parentSourceId)
    return parent ? { ...line, parentSourceId: parent } : line
  })
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8)
