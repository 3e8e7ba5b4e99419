import { ExportFileError, readXml, type XmlElement } from './xml-stream.js'

export interface DisqusThread {
  kind: 'thread'
  id: string
  link: string
  title: string
}

export interface DisqusPost {
  kind: 'post'
  id: string
  thread: string
  parent: string | null
  /** Empty unless messages were asked for. */
  message: string
  createdAt: string
  isDeleted: boolean
  isSpam: boolean
  isApproved: boolean
  author: { name: string; email: string; username: string }
}

const DISQUS = 'http://disqus.com'
const TEXT_FIELDS = new Set(['link', 'title', 'createdAt', 'isDeleted', 'isSpam', 'isApproved'])
const AUTHOR_FIELDS = new Set(['name', 'email', 'username'])

/**
 * Streams a Disqus export's threads and posts in file order, each as soon as it closes. The message
 * (the one field that can be large) is kept only when `messages` is set.
 * @throws ExportFileError when the file is not well-formed XML or not a Disqus export
 */
export function readDisqus(path: string, { messages }: { messages: boolean }) {
  return readXml<DisqusThread | DisqusPost>(path, (emit) => {
    let fields: Record<string, string> = {}
    let refs: { id: string; thread: string; parent: string | null } | undefined
    const record = (element: XmlElement) => element.depth === 2 && element.uri === DISQUS
    return {
      open(element) {
        if (element.depth === 1 && (element.local !== 'disqus' || element.uri !== DISQUS)) {
          throw new ExportFileError(
            `${path} is not a Disqus export: its root is <${element.local}>, not <disqus>`,
          )
        }
        if (record(element)) {
          fields = {}
          refs = { id: element.attr('id') ?? '', thread: '', parent: null }
          return false
        }
        const parent = element.parent
        if (!refs || !parent || element.uri !== DISQUS) return false
        if (record(parent)) {
          if (element.local === 'thread') refs.thread = element.attr('id') ?? ''
          if (element.local === 'parent') refs.parent = element.attr('id') || null
          return TEXT_FIELDS.has(element.local) || (messages && element.local === 'message')
        }
        return parent.depth === 3 && parent.local === 'author' && AUTHOR_FIELDS.has(element.local)
      },
      close(element, text) {
        if (!refs) return
        if (record(element)) {
          if (element.local === 'thread') emit(thread(refs.id, fields))
          if (element.local === 'post') emit(post(refs, fields))
          refs = undefined
        } else if (element.depth === 3) fields[element.local] = text
        else if (element.depth === 4) fields[`author/${element.local}`] = text
      },
    }
  })
}

const thread = (id: string, f: Record<string, string>): DisqusThread => ({
  kind: 'thread',
  id,
  link: f.link?.trim() ?? '',
  title: f.title ?? '',
})

const flag = (value: string | undefined) => value?.trim() === 'true'

const post = (
  refs: { id: string; thread: string; parent: string | null },
  f: Record<string, string>,
): DisqusPost => ({
  kind: 'post',
  ...refs,
  message: f.message?.trim() ?? '',
  createdAt: f.createdAt?.trim() ?? '',
  isDeleted: flag(f.isDeleted),
  isSpam: flag(f.isSpam),
  isApproved: f.isApproved?.trim() !== 'false',
  author: {
    name: f['author/name'] ?? '',
    email: f['author/email']?.trim() ?? '',
    username: f['author/username'] ?? '',
  },
})
