// Driving the e-mail sign-in popup through the app: its pages, its flow cookie, the code in the mail.
import { cookieJar } from '../../helpers/identity-provider.js'
import { freshIp, ORIGIN, type TestApp } from '../../helpers/test-app.js'
import type { SmtpSink } from '../../notifications/smtp-sink.js'

export const API = 'http://api.parley.test'
export const steps = (providerId = 'mail') => `${API}/v1/sites/demo/auth/${providerId}`

/** A form POST as the popup's page sends it, with the popup's cookies and IP. */
export const formPost = (fields: Record<string, string> | string, headers: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  body: typeof fields === 'string' ? fields : new URLSearchParams(fields).toString(),
})

/** The problem code a failed step's page carries (`data-problem-code`), or undefined. */
export const problemOfPage = (page: string) => /data-problem-code="([a-z-]+)"/.exec(page)?.[1]

/** The six digits of a sign-in code mail. */
export function codeIn(mail: { text?: string | undefined }): string {
  const code = /^ {4}(\d{6})$/m.exec(mail.text ?? '')?.[1]
  if (!code) throw new Error('no six-digit code in the mail')
  return code
}

/** The message and target origin the last page posts to window.opener. */
export function handoff(page: string) {
  const message = JSON.parse(/const message = (.*);/.exec(page)?.[1] ?? 'null')
  const target = JSON.parse(/postMessage\(message, (".*?")\)/.exec(page)?.[1] ?? 'null')
  return { message, target }
}

/** One reader's popup: its cookie jar and IP, and each step as a request. */
export function popup(t: TestApp, providerId = 'mail', ip = freshIp()) {
  const jar = cookieJar()
  const headers = () => ({ cookie: jar.header(), 'x-test-client-ip': ip })
  const step = async (res: Response) => {
    jar.store(res)
    return { res, page: await res.text() }
  }
  return {
    jar,
    ip,
    start: async (origin = ORIGIN) =>
      step(
        await t.app.request(`${steps(providerId)}/start?origin=${encodeURIComponent(origin)}`, {
          headers: headers(),
        }),
      ),
    askCode: async (fields: Record<string, string> | string) =>
      step(await t.app.request(`${steps(providerId)}/code`, formPost(fields, headers()))),
    verify: async (code: string) =>
      step(await t.app.request(`${steps(providerId)}/verify`, formPost({ code }, headers()))),
  }
}

/** Starts a popup, asks for a code for `address` and reads it from the sink. */
export async function codeFor(t: TestApp, sink: SmtpSink, address: string, name = 'Ada') {
  const p = popup(t)
  await p.start()
  const before = sink.mails.length
  const { res } = await p.askCode({ email: address, name })
  if (res.status !== 200) throw new Error(`code step answered ${res.status}`)
  const mails = await sink.until(before + 1)
  const mail = mails.at(-1)
  if (!mail) throw new Error('no mail')
  return { p, code: codeIn(mail.parsed), mail }
}
