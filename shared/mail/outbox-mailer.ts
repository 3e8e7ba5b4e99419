import { randomBytes } from 'node:crypto'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../log.js'
import type { Mailer } from './mail-message.js'
import { MailNotSentError } from './mail-not-sent-error.js'
import { buildRawMessage } from './raw-message.js'

/**
 * Local mode without `SMTP_URL`: each mail becomes an `.eml` file in `dir` (`DATA_DIR/outbox`),
 * which any mail program opens, and its subject is logged (never its address). A file appears
 * whole or not at all: it is written under another name, then renamed.
 */
export function createOutboxMailer(dir: string, log: Logger): Mailer {
  return {
    /** @throws MailNotSentError when the file cannot be written */
    async send(message) {
      const raw = await buildRawMessage(message)
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`
      try {
        await mkdir(dir, { recursive: true })
        await writeFile(join(dir, `.${name}.part`), raw)
        await rename(join(dir, `.${name}.part`), join(dir, name))
      } catch (err) {
        throw new MailNotSentError('outbox', (err as { code?: string }).code ?? 'unknown', false)
      }
      log('info', 'mail written to the outbox', { subject: message.subject, file: name })
    },
  }
}
