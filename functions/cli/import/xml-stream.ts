import { createReadStream } from 'node:fs'
import { SaxesParser, type SaxesTagNS } from 'saxes'

/** The export cannot be read as what it claims to be; nothing has been sent when this is thrown. */
export class ExportFileError extends Error {
  override name = 'ExportFileError'
}

/** A failure to read the export file, told by its path; any other error as it is. */
export function readFailure(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return new ExportFileError(`${path}: no such file`)
  if (code) return new ExportFileError(`${path}: cannot read it (${code})`)
  return error
}

/** An open element: a class, not an object literal with a closure, as there are millions of them. */
export class XmlElement {
  /** The element's own text, when its visitor asked for it. */
  text: string[] | undefined

  constructor(
    private readonly tag: SaxesTagNS,
    /** The element this one is inside, `undefined` for the root. */
    readonly parent: XmlElement | undefined,
    /** 1 for the root element. */
    readonly depth: number,
  ) {}

  get uri(): string {
    return this.tag.uri
  }

  get local(): string {
    return this.tag.local
  }

  attr(local: string): string | undefined {
    for (const name in this.tag.attributes) {
      const attribute = this.tag.attributes[name]
      if (attribute?.local === local) return attribute.value
    }
    return undefined
  }
}

/**
 * Sees the document element by element. `open` answers whether the element's own text (character
 * data and CDATA, concatenated) is wanted: only those are buffered, so a post body nobody reads never
 * sits in memory.
 */
export interface XmlVisitor {
  open(element: XmlElement): boolean
  close(element: XmlElement, text: string): void
}

const CHUNK_BYTES = 256 * 1024

/**
 * Streams an XML file through a namespace-aware, strict parser, yielding what the visitor emits after
 * each chunk: memory holds one chunk plus whatever the visitor keeps.
 * @throws ExportFileError when the file is not well-formed XML or not UTF-8
 */
export async function* readXml<T>(
  path: string,
  makeVisitor: (emit: (item: T) => void) => XmlVisitor,
): AsyncGenerator<T> {
  const queue: T[] = []
  const visitor = makeVisitor((item) => void queue.push(item))
  const parser = new SaxesParser({ xmlns: true, fileName: path })
  let top: XmlElement | undefined

  parser.on('error', (error) => {
    // saxes says `file:line:column: what`; the position leads, so editors and terminals can jump to it.
    const [, where = path, what = error.message] = /^(.*:\d+:\d+): (.*)$/s.exec(error.message) ?? []
    throw new ExportFileError(`${where}: not well-formed XML (${what}): the export is truncated or damaged`)
  })
  parser.on('xmldecl', (decl) => {
    if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) {
      throw new ExportFileError(
        `${path} is encoded as ${decl.encoding}; convert it to UTF-8 first (iconv -f ${decl.encoding} -t UTF-8)`,
      )
    }
  })
  parser.on('opentag', (tag: SaxesTagNS) => {
    top = new XmlElement(tag, top, (top?.depth ?? 0) + 1)
    if (visitor.open(top)) top.text = []
  })
  const addText = (text: string) => void top?.text?.push(text)
  parser.on('text', addText)
  parser.on('cdata', addText)
  parser.on('closetag', () => {
    if (!top) return
    const element = top
    top = element.parent
    visitor.close(element, element.text?.join('') ?? '')
  })

  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES })
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string)
      if (queue.length > 0) yield* queue.splice(0)
    }
    parser.close()
    yield* queue.splice(0)
  } catch (error) {
    throw readFailure(path, error)
  } finally {
    stream.destroy()
  }
}
