/**
 * A mail a transport did not accept. Its message names the transport and the failure's code only:
 * SMTP replies and SES errors quote the recipient's address, which must reach no log.
 */
export class MailNotSentError extends Error {
  constructor(
    readonly transport: 'smtp' | 'outbox' | 'ses',
    /** The server's code (`550`, `EAUTH`) or the SDK's error name (`MessageRejected`). */
    readonly failure: string,
    /** Whether sending the same mail again cannot help (a refused recipient or sender). */
    readonly permanent: boolean,
  ) {
    super(`the ${transport} transport did not accept the mail (${failure})`)
    this.name = 'MailNotSentError'
  }
}
