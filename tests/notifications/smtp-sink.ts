// A real SMTP server (nodemailer's smtp-server) on a free loopback port: it keeps every mail it
// accepted, parsed, and refuses those a test picks, as a real server would (a 4xx or 5xx reply).
import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { headerValue } from '../mail/mail-fixtures.js'

export interface SinkMail {
  to: string[]
  parsed: ParsedMail
  /** When it arrived (`performance.now()`). */
  at: number
}

/** What to answer the n-th mail offered (1-based): accept it, or refuse it with a code. */
export type SinkAnswer = (n: number, to: string[]) => 'accept' | 451 | 550

export async function startSmtpSink(answer: SinkAnswer = () => 'accept') {
  const mails: SinkMail[] = []
  const waiting: (() => void)[] = []
  let offered = 0
  let refused = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', async () => {
        const to = session.envelope.rcptTo.map((r) => r.address)
        const verdict = answer(++offered, to)
        if (verdict !== 'accept') {
          refused++
          const text = verdict === 451 ? 'try again later' : `<${to.join(',')}> mailbox unavailable`
          return callback(Object.assign(new Error(text), { responseCode: verdict }))
        }
        const at = performance.now()
        mails.push({ to, parsed: await simpleParser(Buffer.concat(chunks)), at })
        callback()
        for (const wake of waiting.splice(0)) wake()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** How many mails were refused. */
    refused: () => refused,
    /** Waits until the sink holds `count` mails (10 s at most). */
    until: async (count: number) => {
      const deadline = Date.now() + 10_000
      while (mails.length < count) {
        if (Date.now() > deadline) throw new Error(`waited for mail ${count}, got ${mails.length}`)
        await new Promise<void>((resolve) => {
          waiting.push(resolve)
          setTimeout(resolve, 200)
        })
      }
      return mails
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>

/** The link a mail's text part gives after `label: ` (e.g. `Approve`), in an English site's mail. */
export function linkIn(mail: ParsedMail, label: string): string {
  const found = new RegExp(`^${label}: (\\S+)$`, 'm').exec(mail.text ?? '')?.[1]
  if (!found) throw new Error(`no ${label} link in the mail`)
  return found
}

/** The List-Unsubscribe URL of a mail (`<url>`). */
export function unsubscribeUrl(mail: ParsedMail): string {
  const found = /^<([^>]+)>$/.exec(headerValue(mail, 'List-Unsubscribe') ?? '')?.[1]
  if (!found) throw new Error('no List-Unsubscribe header')
  return found
}
