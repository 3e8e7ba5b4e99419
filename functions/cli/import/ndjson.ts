import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { ImportComment } from './import-comment.js'
import { type OriginMapping, pageUrl } from './page-url.js'
import { ExportFileError, readFailure } from './xml-stream.js'

/**
 * Streams a file of `ImportComment` lines, such as `parley export` writes, line by line: the way back
 * into another deployment. Lines are passed on as they are (the server checks each), with only the
 * page moved by `--map-origin`; blank lines are ignored.
 * @throws ExportFileError at the first line that is not a JSON object
 */
export async function* readNdjson(
  path: string,
  mappings: readonly OriginMapping[],
): AsyncGenerator<ImportComment> {
  const input = createReadStream(path, { encoding: 'utf8' })
  let number = 0
  try {
    for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
      number++
      if (text.trim() === '') continue
      let line: unknown
      try {
        line = JSON.parse(text)
      } catch {
        throw new ExportFileError(`${path}:${number}: not a JSON line; the file is truncated or damaged`)
      }
      if (typeof line !== 'object' || line === null || Array.isArray(line)) {
        throw new ExportFileError(`${path}:${number}: not a JSON object`)
      }
      const comment = line as ImportComment
      const page = typeof comment.page === 'string' ? pageUrl(comment.page, mappings) : undefined
      yield page && page !== comment.page ? { ...comment, page } : comment
    }
  } catch (error) {
    throw readFailure(path, error)
  } finally {
    input.destroy()
  }
}
