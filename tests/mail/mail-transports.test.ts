import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SESv2Client } from '@aws-sdk/client-sesv2'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { composeModeratorMail } from '../../shared/mail/compose-moderator-mail.js'
import { createLocalMailer } from '../../shared/mail/local-mailer.js'
import { MailNotSentError } from '../../shared/mail/mail-not-sent-error.js'
import { createOutboxMailer } from '../../shared/mail/outbox-mailer.js'
import { createSesMailer } from '../../shared/mail/ses-mailer.js'
import { createSmtpMailer } from '../../shared/mail/smtp-mailer.js'
import { API, commentRecord, headerValue, siteIn } from './mail-fixtures.js'

const link = (what: string) => `${API}/v1/mail/${what}?token=t-${what}`
const message = (to = 'mod@blog.example') =>
  composeModeratorMail({
    site: siteIn('fr'),
    to,
    from: 'Demo blog <comments@blog.example>',
    comment: commentRecord({ body: 'Ça va ? 日本語 too' }),
    links: { approve: link('a'), reject: link('r'), spam: link('s'), unsubscribe: link('unsubscribe') },
  })

/** What a receiving program makes of a raw message: the same mail, both parts, the headers. */
async function expectSameMail(raw: Buffer | string) {
  const mail = await simpleParser(raw)
  const sent = message()
  expect(mail.subject).toBe(sent.subject)
  expect(mail.text).toBe(sent.text)
  expect(mail.html).toBe(sent.html)
  expect(headerValue(mail, 'List-Unsubscribe')).toBe(`<${link('unsubscribe')}>`)
  expect(headerValue(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
  expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' })
  expect(mail.messageId).toMatch(/^<.+@blog\.example>$/)
}

describe('the SMTP transport', () => {
  const received: { from: string; to: string[]; raw: Buffer }[] = []
  let server: SMTPServer
  let url: string
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('refused@'))
          return callback(
            Object.assign(new Error('no such user refused@blog.example'), { responseCode: 550 }),
          )
        callback()
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          })
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('delivers the mail to a real SMTP server: envelope, both parts, the unsubscribe headers', async () => {
    const mailer = createSmtpMailer(url)
    await mailer.send(message())
    mailer.close()
    expect(received).toHaveLength(1)
    expect(received[0]?.from).toBe('comments@blog.example')
    expect(received[0]?.to).toEqual(['mod@blog.example'])
    await expectSameMail(received[0]?.raw ?? Buffer.alloc(0))
  })

  it('is what local mode uses with SMTP_URL', async () => {
    const before = received.length
    await createLocalMailer({ smtpUrl: url, dataDir: '/nonexistent' }, () => {}).send(message())
    expect(received).toHaveLength(before + 1)
  })

  it('rejects a refused recipient as permanent, without the address in the error', async () => {
    const mailer = createSmtpMailer(url)
    const err = await mailer.send(message('refused@blog.example')).catch((e: unknown) => e)
    mailer.close()
    expect(err).toBeInstanceOf(MailNotSentError)
    expect(err).toMatchObject({ transport: 'smtp', failure: '550', permanent: true })
    expect(JSON.stringify({ ...(err as object), message: (err as Error).message })).not.toContain('refused@')
  })

  it('rejects as temporary when no server answers', async () => {
    const closed = new SMTPServer({ authOptional: true })
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.server.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`)
    const err = await mailer.send(message()).catch((e: unknown) => e)
    mailer.close()
    expect(err).toMatchObject({ transport: 'smtp', permanent: false })
  })
})

describe('the outbox transport', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-outbox-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('writes one .eml file a mail that parses back to the same mail, and logs the subject, never the address', async () => {
    const logs: unknown[] = []
    const outbox = join(dir, 'outbox')
    const mailer = createOutboxMailer(outbox, (...entry) => void logs.push(entry))
    await Promise.all([mailer.send(message()), mailer.send(message())])
    const files = await readdir(outbox)
    expect(files).toHaveLength(2)
    expect(files.every((f) => f.endsWith('.eml') && !f.includes('@'))).toBe(true)
    const raw = await readFile(join(outbox, files[0] ?? ''))
    // RFC 5322: CRLF line ends.
    expect(raw.toString()).toMatch(/\r\n\r\n/)
    await expectSameMail(raw)
    expect(logs).toHaveLength(2)
    expect(JSON.stringify(logs)).toContain(JSON.stringify(message().subject).slice(1, -1))
    expect(JSON.stringify(logs)).not.toContain('@blog.example')
  })

  it('is what local mode uses without SMTP_URL: files in DATA_DIR/outbox', async () => {
    const dataDir = join(dir, 'data')
    await createLocalMailer({ smtpUrl: undefined, dataDir }, () => {}).send(message())
    expect(await readdir(join(dataDir, 'outbox'))).toHaveLength(1)
  })

  it('rejects when the directory cannot be written', async () => {
    const blocked = join(dir, 'a-file')
    await import('node:fs/promises').then((fs) => fs.writeFile(blocked, 'not a directory'))
    const err = await createOutboxMailer(join(blocked, 'outbox'), () => {})
      .send(message())
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ transport: 'outbox', permanent: false })
  })
})

describe('the SES transport', () => {
  /** Fault injection at the SDK's edge: the client's `send`, recording what it is given. */
  const stubClient = (answer: (input: unknown) => Promise<unknown>) => {
    const sent: unknown[] = []
    const client = {
      send: async (command: { input: unknown }) => {
        sent.push(command.input)
        return answer(command.input)
      },
    } as unknown as Pick<SESv2Client, 'send'>
    return { client, sent }
  }

  it('sends the raw MIME message with its configuration set and recipient', async () => {
    const { client, sent } = stubClient(async () => ({ MessageId: 'ses-1' }))
    await createSesMailer({ client, configurationSet: 'parley-prod' }).send(message())
    expect(sent).toHaveLength(1)
    const input = sent[0] as {
      ConfigurationSetName: string
      Destination: { ToAddresses: string[] }
      Content: { Raw: { Data: Uint8Array } }
    }
    expect(input.ConfigurationSetName).toBe('parley-prod')
    expect(input.Destination.ToAddresses).toEqual(['mod@blog.example'])
    await expectSameMail(Buffer.from(input.Content.Raw.Data))
  })

  it('rejects a message SES refuses as permanent, throttling as temporary, without the address', async () => {
    const failing = (name: string) =>
      stubClient(async () => {
        throw Object.assign(new Error('Email address is not verified: mod@blog.example'), { name })
      }).client
    const rejected = await createSesMailer({ client: failing('MessageRejected') })
      .send(message())
      .catch((e: unknown) => e)
    expect(rejected).toMatchObject({ transport: 'ses', failure: 'MessageRejected', permanent: true })
    expect((rejected as Error).message).not.toContain('@')
    const throttled = await createSesMailer({ client: failing('TooManyRequestsException') })
      .send(message())
      .catch((e: unknown) => e)
    expect(throttled).toMatchObject({ transport: 'ses', permanent: false })
  })
})
