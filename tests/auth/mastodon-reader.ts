// A reader's browser for the API-level tests: follows a test Mastodon's login and consent pages
// with a cookie jar, reaching its `*.test` name on loopback (as Chromium's host rules do).
import { request } from 'node:http'
import { cookieJar } from '../helpers/identity-provider.js'

/** One HTTP exchange with a `*.test` host, connected to 127.0.0.1; no redirect followed. */
function exchange(url: URL, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; location: string | undefined; cookies: string[]; text: string }>(
    (resolve, reject) => {
      const req = request(
        url,
        {
          method: init.method ?? 'GET',
          headers: init.headers,
          lookup: (_host, options, callback) =>
            options.all
              ? callback(null, [{ address: '127.0.0.1', family: 4 }])
              : callback(null, '127.0.0.1', 4),
        },
        (res) => {
          let text = ''
          res.on('data', (chunk: Buffer) => {
            text += chunk
          })
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              location: res.headers.location,
              cookies: res.headers['set-cookie'] ?? [],
              text,
            }),
          )
        },
      )
      req.on('error', reject)
      req.end(init.body)
    },
  )
}

/**
 * Signs `user` in at the server's authorize URL and consents, as a reader would; answers the URL the
 * server sends them back to (the API's callback, with `code`, `state` and `iss`).
 */
export async function consentAtServer(
  authorizeUrl: string,
  user: string,
  callbackPrefix: string,
): Promise<URL> {
  const jar = cookieJar()
  const remember = (cookies: string[]) => jar.store({ headers: { getSetCookie: () => cookies } } as never)
  let url = new URL(authorizeUrl)
  for (let step = 0; step < 12; step++) {
    const res = await exchange(url, { headers: { cookie: jar.header() } })
    remember(res.cookies)
    if (res.location) {
      const next = new URL(res.location, url)
      if (next.href.startsWith(callbackPrefix)) return next
      url = next
      continue
    }
    const action = /action="([^"]+)"/.exec(res.text)?.[1]
    const prompt =
      /name="prompt" value="(\w+)"/.exec(res.text)?.[1] ??
      (res.text.includes('name="login"') ? 'login' : 'consent')
    if (!action) throw new Error(`unexpected server page (${res.status}): ${res.text.slice(0, 300)}`)
    const submit = await exchange(new URL(action, url), {
      method: 'POST',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt, login: user, password: 'any' }).toString(),
    })
    remember(submit.cookies)
    const next = new URL(submit.location ?? '', url)
    if (next.href.startsWith(callbackPrefix)) return next
    url = next
  }
  throw new Error('the server never sent the reader back')
}
