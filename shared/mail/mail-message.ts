/** One mail as Parley sends it: multipart text and HTML, with the headers notification mail needs. */
export interface MailMessage {
  /** A bare address. */
  to: string
  /** `Name <address>` or a bare address. */
  from: string
  subject: string
  text: string
  html: string
  /** Extra headers, e.g. `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058). */
  headers: Record<string, string>
}

/** Sends mail: SMTP or `.eml` files locally, SES in AWS. Rejects when the message was not accepted. */
export interface Mailer {
  send(message: MailMessage): Promise<void>
}
