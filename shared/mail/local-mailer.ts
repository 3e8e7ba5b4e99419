import { join } from 'node:path'
import type { Logger } from '../log.js'
import type { Mailer } from './mail-message.js'
import { createOutboxMailer } from './outbox-mailer.js'
import { createSmtpMailer } from './smtp-mailer.js'

/** Local mode's mail (contract section 8): through `SMTP_URL` when set, else `.eml` files in `DATA_DIR/outbox`. */
export const createLocalMailer = (
  options: { smtpUrl?: string | undefined; dataDir: string },
  log: Logger,
): Mailer =>
  options.smtpUrl
    ? createSmtpMailer(options.smtpUrl)
    : createOutboxMailer(join(options.dataDir, 'outbox'), log)
