import { readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { googleIdToken } from '../helpers/google-sign-in.js'
import { type KeyServer, startKeyServer } from '../helpers/key-server.js'
import { bodyOf } from '../helpers/route-contract.js'
import {
  createTestApp,
  freshIp,
  jsonRequest,
  listComments,
  ORIGIN,
  postAsGuest,
  type TestApp,
} from '../helpers/test-app.js'
import { launchChromium, openContext, serveApp, type WatchedContext } from './browser.js'

let ks: KeyServer
let t: TestApp
let api: Awaited<ReturnType<typeof serveApp>>
let browser: Browser
let axeSource: string
let screenshots: string
/** Tabs here resume the admin sign-in; tabs in `plainTabs` start signed out (sessionStorage is per tab). */
let adminTabs: WatchedContext
let plainTabs: WatchedContext
/** Contexts of one test (popups need their own request routing). */
const ownContexts: WatchedContext[] = []

beforeAll(async () => {
  ks = await startKeyServer()
  t = await createTestApp({
    providerEndpoints: ks.endpoints,
    site: {
      moderation: 'pre',
      providers: [{ id: 'google', type: 'google', clientId: 'g-client' }],
      moderators: [{ provider: 'google', subject: 'mod-1' }],
      spam: { heuristics: true, blocklist: ['casino'] },
    },
  })
  await t.deps.sites.create({ id: 'other', name: 'Other blog', origins: ['https://other.example'] })
  api = await serveApp(t.app)
  browser = await launchChromium()
  axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  screenshots = await mkdtemp(join(tmpdir(), 'parley-admin-page-'))
  ;[adminTabs, plainTabs] = await Promise.all([openContext(browser), openContext(browser)])
  const credential = JSON.stringify({ kind: 'admin', token: t.adminKey })
  await adminTabs.context.addInitScript(
    `if (location.origin === ${JSON.stringify(api.base)}) sessionStorage.setItem('parley:admin', ${JSON.stringify(credential)})`,
  )
})

afterAll(async () => {
  console.log(`moderation page screenshots: ${screenshots}`)
  await browser?.close()
  await api?.close()
  await ks?.close()
})

// Each test acts a minute after the last, so the audit log's newest-first order is the tests' order.
beforeEach(() => t.clock.advance(60_000))

/** Takes the problems recorded so far in every context. */
const takeProblems = () => [adminTabs, plainTabs, ...ownContexts].flatMap((c) => c.problems.splice(0))

// No test may leave an uncaught error or a CSP violation behind on any page it opened.
afterEach(async () => {
  const problems = takeProblems()
  await Promise.all(ownContexts.splice(0).map((c) => c.context.close()))
  await Promise.all([adminTabs, plainTabs].flatMap((c) => c.context.pages().map((p) => p.close())))
  expect(problems).toEqual([])
})

const plainPage = () => plainTabs.context.newPage()

async function ownContext() {
  const watched = await openContext(browser)
  ownContexts.push(watched)
  return { context: watched.context, page: await watched.context.newPage() }
}

const admin = () => ({ Authorization: `Bearer ${t.adminKey}` })

/** Comments of one status, through the API itself. */
async function queue(status: string, site = 'demo') {
  const res = await t.app.request(`/v1/admin/sites/${site}/comments?status=${status}&limit=200`, {
    headers: admin(),
  })
  return (await bodyOf(res, 'queue', 200)).comments
}

async function postPending(name: string, body: string, extra: Record<string, unknown> = {}) {
  const { res, body: json } = await postAsGuest(t.app, { author: { name }, body, ...extra })
  expect(res.status).toBe(201)
  expect(json.comment.status).toBe('pending')
  return json.comment.id as string
}

/** Polls generously: the page talks to DynamoDB Local on a machine that may be busy. */
const until = <T>(value: () => Promise<T> | T) => expect.poll(value, { timeout: 15_000, interval: 50 })

const signedIn = (page: Page) =>
  until(() => page.getByRole('tab', { name: 'Pending' }).getAttribute('aria-selected')).toBe('true')

async function signInWithKey(page: Page) {
  await page.goto(`${api.base}/admin`)
  await page.getByLabel('Admin key').fill(t.adminKey)
  await page.getByRole('button', { name: 'Sign in with the admin key' }).click()
  await signedIn(page)
}

/** A tab that resumes the admin sign-in (as after a reload), without typing the key again. */
async function adminPage() {
  const page = await adminTabs.context.newPage()
  await page.goto(`${api.base}/admin`)
  await signedIn(page)
  return page
}

/** What the page keeps in this tab's sessionStorage (the tests' tsconfig has no DOM types). */
const storedCredential = async (page: Page) =>
  JSON.parse((await page.evaluate<string | null>("sessionStorage.getItem('parley:admin')")) ?? 'null')

const row = (page: Page, text: string) => page.locator('li.row', { hasText: text })
const status = (page: Page) => page.getByRole('status')

const readerIdToken = (sub: string) => googleIdToken(ks, sub, t.clock())

async function sessionFor(sub: string) {
  const res = await t.app.request(
    '/v1/sites/demo/auth/token',
    jsonRequest('POST', { provider: 'google', idToken: await readerIdToken(sub) }),
  )
  expect(res.status).toBe(200)
  return (await bodyOf(res, 'authToken', 200)).token
}

/** A reader's "Was this page helpful?" vote, through the public API. */
async function vote(page: string, visitor: string, v: 'up' | 'down', message?: string) {
  const res = await t.app.request(
    '/v1/sites/demo/feedback',
    jsonRequest(
      'POST',
      { page, visitor, vote: v, ...(message && { message }) },
      { 'x-test-client-ip': freshIp() },
    ),
  )
  expect(res.status).toBe(201)
}

/** axe-core finds nothing in light, nor a contrast problem in dark; screenshots of both are kept. */
async function expectAccessible(page: Page, name: string) {
  await page.evaluate(axeSource)
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({ path: join(screenshots, `${name}-${colorScheme}.png`), fullPage: true })
    // Everything in light; the dark theme changes only colours, so contrast is what it must prove.
    const rules = colorScheme === 'light' ? '{}' : "{ runOnly: ['color-contrast'] }"
    const violations = await page.evaluate<string[]>(`axe.run(document, ${rules}).then(({ violations }) =>
      violations.map((v) => v.id + ': ' + v.help + ' (' + v.nodes.map((n) => n.target).join(', ') + ')'))`)
    expect(violations).toEqual([])
  }
}

describe('GET /admin', () => {
  it('is a page no other page may frame, with a fresh script nonce and nothing cached', async () => {
    const first = await fetch(`${api.base}/admin`)
    const second = await fetch(`${api.base}/admin`)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toMatch(/^text\/html/)
    expect(first.headers.get('cache-control')).toBe('no-store')
    expect(first.headers.get('x-frame-options')).toBe('DENY')
    expect(first.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups')
    const csp = first.headers.get('content-security-policy') ?? ''
    const directives = new Map(
      csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    )
    expect(directives.get('frame-ancestors')).toBe("'none'")
    expect(directives.get('default-src')).toBe("'none'")
    expect(directives.get('base-uri')).toBe("'none'")
    expect(directives.get('connect-src')).toBe("'self'")
    expect(directives.get('form-action')).toBe("'self'")
    const nonce = /'nonce-([^']+)'/.exec(directives.get('script-src') ?? '')?.[1]
    expect(directives.get('script-src')).toBe(`'nonce-${nonce}'`)
    const html = await first.text()
    expect(html).toContain(`<script nonce="${nonce}">`)
    expect(second.headers.get('content-security-policy')).not.toContain(`'nonce-${nonce}'`)

    // And Chromium keeps it out of a frame on another origin.
    const page = await plainPage()
    await page.setContent(`<iframe src="${api.base}/admin" title="framed"></iframe>`)
    await until(() => plainTabs.problems.join()).toMatch(/frame-ancestors 'none'.*blocked/)
    plainTabs.problems.length = 0
    const framed = page.frames().find((f) => f !== page.mainFrame())
    expect(await framed?.title().catch(() => 'blocked')).not.toBe('Parley moderation')
  })
})

describe('the moderation page in Chromium', () => {
  it('signs in with the admin key, kept in this tab only and never in the URL', async () => {
    const page = await plainPage()
    await page.goto(`${api.base}/admin`)
    await page.screenshot({ path: join(screenshots, 'sign-in.png') })
    await signInWithKey(page)
    expect(page.url()).toBe(`${api.base}/admin`)
    expect(await page.getByLabel('Admin key').inputValue()).toBe('')
    expect(await storedCredential(page)).toEqual({ kind: 'admin', token: t.adminKey })
    expect(await page.getByLabel('Site', { exact: true }).locator('option').allTextContents()).toEqual([
      'Demo blog (demo)',
      'Other blog (other)',
    ])
    await page.reload()
    await until(() => page.locator('#who-label').textContent()).toBe('Administrator')
    await page.getByRole('button', { name: 'Sign out' }).click()
    expect(await storedCredential(page)).toBeNull()
    await page.getByLabel('Admin key').fill('not-the-key')
    await page.getByRole('button', { name: 'Sign in with the admin key' }).click()
    await until(() => page.getByRole('alert').first().textContent()).toBe('That admin key was not accepted.')
  })

  it('approves a pending comment, which then appears in the public list', async () => {
    const id = await postPending('Grace', 'Approve me, **please**')
    expect((await listComments(t.app)).body.comments.map((c: any) => c.id)).not.toContain(id)
    const page = await adminPage()
    const mine = row(page, 'Approve me')
    await until(() => mine.locator('.content strong').textContent()).toBe('please')
    await mine.getByRole('button', { name: 'Approve comment by Grace' }).click()
    await until(() => status(page).textContent()).toBe('Approved 1 comment.')
    expect(await mine.count()).toBe(0)
    const published = (await listComments(t.app)).body.comments
    expect(published.find((c: any) => c.id === id)?.html).toBe('<p>Approve me, <strong>please</strong></p>')
  })

  it('says on its row why a comment could not take an action, and keeps it there', async () => {
    const id = await postPending('Pinned Later', 'pin me if you can')
    const approve = jsonRequest('POST', { action: 'approve', ids: [id] }, admin())
    expect((await t.app.request('/v1/admin/sites/demo/moderation', approve)).status).toBe(200)
    const page = await adminPage()
    await page.getByRole('tab', { name: 'Published' }).click()
    const mine = row(page, 'pin me if you can')
    await until(() => mine.count()).toBe(1)
    // Another moderator rejects it meanwhile: only published comments can be pinned.
    const reject = jsonRequest('POST', { action: 'reject', ids: [id] }, admin())
    expect((await t.app.request('/v1/admin/sites/demo/moderation', reject)).status).toBe(200)
    await mine.getByRole('button', { name: 'Pin comment by Pinned Later' }).click()
    await until(() => status(page).textContent()).toBe(`Pinned 0 comments; 1 failed: ${id} (not-published).`)
    expect(await mine.locator('.row-error').textContent()).toBe('Could not pin: not-published')
  })

  it('marks every pending comment as spam at once, loading more first; the queue ends empty', async () => {
    const ids: string[] = []
    for (let i = 0; i < 30; i += 10) {
      const batch = Array.from({ length: 10 }, (_, j) =>
        postPending(`Bulk ${i + j}`, `Bulk message ${i + j}`),
      )
      ids.push(...(await Promise.all(batch)))
    }
    const page = await adminPage()
    await until(() => page.locator('li.row').count()).toBe(25)
    await page.getByRole('button', { name: 'Load more' }).click()
    await until(() => page.locator('li.row').count()).toBeGreaterThanOrEqual(30)
    await page.getByLabel('Select all').check()
    const selected = await page.locator('li.row').count()
    expect(await page.locator('#selected-count').textContent()).toBe(`${selected} selected`)
    await page.getByRole('button', { name: 'Spam selected' }).click()
    await until(() => status(page).textContent()).toBe(`Marked as spam ${selected} comments.`)
    expect(await page.getByText('Nothing here.').isVisible()).toBe(true)
    expect(await queue('pending')).toEqual([])
    const spam = (await queue('spam')).map((c) => c.id)
    expect(spam).toEqual(expect.arrayContaining(ids))
  })

  it('acts from the keyboard, but never while typing in a field', async () => {
    await postPending('Key One', 'first by keyboard')
    await postPending('Key Two', 'second by keyboard')
    await postPending('Key Three', 'third by keyboard')
    const page = await adminPage()
    await until(() => page.locator('li.row').count()).toBe(3)
    const reason = page.getByRole('toolbar').getByLabel('Reason')
    await reason.press('a')
    await reason.press('d')
    expect(await reason.inputValue()).toBe('ad')
    expect(await page.locator('li.row').count()).toBe(3)
    await reason.fill('keyboard test')
    await page.getByRole('heading', { name: 'Parley moderation' }).click()
    await page.keyboard.press('j')
    await page.keyboard.press('x')
    await page.keyboard.press('j')
    await page.keyboard.press('x')
    expect(await page.locator('#selected-count').textContent()).toBe('2 selected')
    await page.keyboard.press('a')
    await until(() => status(page).textContent()).toBe('Approved 2 comments.')
    expect(await page.locator('li.row').count()).toBe(1)
    t.clock.advance(1000)
    // Nothing selected now: `d` deletes the current comment, which has the focus.
    expect(await page.evaluate("document.activeElement.getAttribute('aria-current')")).toBe('true')
    await page.keyboard.press('d')
    await until(() => status(page).textContent()).toBe('Deleted 1 comment.')
    expect(await queue('pending')).toEqual([])
    await page.keyboard.press('?')
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(false)
    await page.getByRole('button', { name: 'Shortcuts' }).click()
    await page
      .getByRole('dialog', { name: 'Keyboard shortcuts' })
      .getByRole('button', { name: 'Close' })
      .click()
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(false)
  })

  it('shows every action in the audit log, newest first, with load more', async () => {
    const page = await adminPage()
    await page.getByRole('tab', { name: 'Audit log' }).click()
    const rows = page.locator('#audit-body tr')
    await until(() => rows.count()).toBe(25)
    const first = await rows.first().locator('td').allTextContents()
    expect(first.slice(1, 3)).toEqual(['admin', 'delete'])
    expect(first[4]).toBe('pending → deleted')
    const second = await rows.nth(1).locator('td').allTextContents()
    expect(second.slice(1, 3)).toEqual(['admin', 'approve'])
    expect(second[4]).toBe('pending → published · reason: keyboard test')
    await page.getByRole('button', { name: 'Load more' }).click()
    await until(() => rows.count()).toBeGreaterThan(25)
    await page.evaluate('scrollTo(0, 0)')
    await page.screenshot({ path: join(screenshots, 'audit-log.png') })
    const actions = await page.locator('#audit-body tr td:nth-child(3)').allTextContents()
    expect(actions.filter((a) => a === 'spam').length).toBeGreaterThanOrEqual(24)
  })

  it('bans the author of a comment by IP hash, which stops their next comment, and lifts the ban', async () => {
    const ip = { 'x-test-client-ip': '203.0.113.7' }
    const { res } = await postAsGuest(t.app, { author: { name: 'Troll' }, body: 'you are all wrong' }, ip)
    expect(res.status).toBe(201)
    const page = await adminPage()
    await row(page, 'Troll').getByRole('button', { name: 'Ban the author of comment by Troll' }).click()
    const dialog = page.getByRole('dialog', { name: 'Ban' })
    expect(await dialog.getByLabel('Ban by').inputValue()).toBe('ip')
    const ipHash = (await queue('pending')).find((c) => c.author?.name === 'Troll')?.ipHash
    expect(await dialog.getByLabel('Value').inputValue()).toBe(ipHash)
    await dialog.getByLabel('Reason').fill('trolling')
    await page.screenshot({ path: join(screenshots, 'ban-dialog.png') })
    await dialog.getByRole('button', { name: 'Ban', exact: true }).click()
    await until(() => status(page).textContent()).toBe(`Banned IP address ${ipHash}.`)
    const again = await postAsGuest(t.app, { author: { name: 'Troll' }, body: 'still wrong' }, ip)
    expect(again.res.status).toBe(403)
    expect(again.problem.code).toBe('banned')

    await page.getByRole('tab', { name: 'Bans' }).click()
    const ban = page.locator('#bans-body tr', { hasText: 'trolling' })
    await ban.getByRole('button', { name: `Unban IP address ${ipHash}` }).click()
    await until(() => status(page).textContent()).toBe(`Lifted the ban on IP address ${ipHash}.`)
    expect(await page.getByText('No bans.').isVisible()).toBe(true)
    const after = await postAsGuest(t.app, { author: { name: 'Troll' }, body: 'sorry' }, ip)
    expect(after.res.status).toBe(201)
  })

  it("renders every value as text, and of a comment's HTML only what the renderer may write", async () => {
    const page = await adminPage()
    // The API never sends this (it escapes raw HTML); a hostile response proves the page's own guard.
    const hostile = {
      id: '0hostile0000000',
      parentId: null,
      depth: 0,
      author: { name: '<img src=x onerror=pwned=1>', website: null, avatar: null, provider: 'guest' },
      html: `<p>hostile <strong>ok</strong><img src="https://x.example/a.png" onerror="pwned=2"><script>pwned=3</script>
<a href="javascript:pwned=4" title="t">bad link</a> <a href="https://ok.example/" onclick="pwned=5">good link</a></p>
<iframe src="https://x.example/"></iframe><code class="language-js x" style="color:red">code</code>`,
      createdAt: '2026-11-27T12:00:00.000Z',
      editedAt: null,
      deleted: false,
      pinned: false,
      status: 'spam',
      page: 'javascript:pwned=6',
      body: '<b>source</b>',
      email: '<i>e</i>@example.com',
      ipHash: null,
      userAgent: '<u>agent</u>',
      reasons: ['<b>reason</b>'],
    }
    await page.route('**/v1/admin/sites/demo/comments?status=spam*', (route) =>
      route.fulfill({ json: { comments: [hostile], nextCursor: null } }),
    )
    await page.getByRole('tab', { name: 'Spam' }).click()
    const shown = row(page, 'hostile')
    await until(() => shown.count()).toBe(1)
    expect(await shown.locator('.name').textContent()).toBe('<img src=x onerror=pwned=1>')
    expect(await shown.locator('.meta').textContent()).toContain('<i>e</i>@example.com')
    expect(await shown.locator('.badge').textContent()).toBe('<b>reason</b>')
    expect(await shown.locator('a.page').count()).toBe(0)
    expect(await shown.locator('span.page').textContent()).toBe('javascript:pwned=6')
    expect(await shown.locator('img, script, iframe, b, i, u').count()).toBe(0)
    expect(await shown.locator('.content').innerHTML()).toBe(
      '<p>hostile <strong>ok</strong>\n<a rel="nofollow ugc noopener noreferrer" target="_blank">bad link</a> ' +
        '<a href="https://ok.example/" rel="nofollow ugc noopener noreferrer" target="_blank">good link</a></p>\n' +
        '<code>code</code>',
    )
    await shown.getByText('Source and details').click()
    expect(await shown.locator('.source pre').textContent()).toBe('<b>source</b>')
    expect(await shown.locator('.source dd').nth(2).textContent()).toBe('<u>agent</u>')
    expect(await page.evaluate('typeof pwned')).toBe('undefined')
    // Chromium checks the page's CSP as soon as it parses a handler or style attribute, even in a
    // document of its own; those reports say "blocked", the second barrier. Nothing else happened.
    const problems = takeProblems()
    expect(problems.length).toBeGreaterThan(0)
    for (const problem of problems)
      expect(problem).toMatch(/^CSP .*(inline event handler|inline style).*blocked/)
  })

  it('passes axe-core in light and dark, with screenshots saved for a person to look at', async () => {
    await postPending(
      'Lin Zhou',
      'Loved the part about **cold starts**. Have you tried `provisioned concurrency`?',
      {
        author: { name: 'Lin Zhou', email: 'lin@example.com' },
      },
    )
    await postPending(
      'Deals',
      'Cheap: https://a.example https://b.example https://c.example https://d.example',
    )
    await postPending('Sam', '> Nothing a reader writes is lost\n\nAgreed, and the audit log proves it.')
    const page = await adminPage()
    await until(() => row(page, 'cold starts').isVisible()).toBe(true)
    expect(await row(page, 'Deals').locator('.badge').allTextContents()).toEqual(['links'])
    await page.getByRole('heading', { name: 'Parley moderation' }).click()
    await page.keyboard.press('j')
    await page.keyboard.press('x')
    await row(page, 'Sam').getByText('Source and details').click()
    await expectAccessible(page, 'moderation')

    await vote(`${ORIGIN}/2026/accessible`, 'axe-visitor-1', 'up', 'Helpful, thank you.')
    await vote(`${ORIGIN}/2026/accessible`, 'axe-visitor-2', 'down', 'Win big at the casino')
    await page.emulateMedia({ colorScheme: 'light' })
    await page.getByRole('tab', { name: 'Feedback' }).click()
    await until(() => page.locator('#feedback-body tr', { hasText: '/2026/accessible' }).count()).toBe(1)
    await expectAccessible(page, 'feedback')
  })

  it("shows each page's feedback: votes from the API, held messages marked, a new vote moving it", async () => {
    const post = `${ORIGIN}/2026/feedback-post`
    const other = `${ORIGIN}/2026/feedback-other`
    await vote(post, 'visitor-0001', 'up', 'Clear and <b>useful</b>')
    await vote(post, 'visitor-0002', 'up')
    await vote(post, 'visitor-0003', 'down', 'Cheap casino deals here')
    await vote(other, 'visitor-0004', 'down', '=HYPERLINK("https://evil.example")')
    const page = await adminPage()
    await page.getByRole('tab', { name: 'Feedback' }).click()
    const summary = (url: string) =>
      page.locator('#feedback-body tr', { hasText: url }).locator('td').allTextContents()
    await until(async () => (await summary(post)).slice(0, 3)).toEqual(['2', '1', '2 messages'])
    expect((await summary(other)).slice(0, 3)).toEqual(['0', '1', '1 message'])
    expect(await status(page).textContent()).toMatch(/^Feedback on \d+ pages\.$/)

    const messages = page.getByRole('region', { name: `Messages on ${post}` })
    const held = messages.locator('li.entry', { hasText: 'casino' })
    expect(await held.getAttribute('class')).toBe('entry held')
    expect(await held.locator('.badge').allTextContents()).toEqual([
      'Not helpful',
      'Held as spam',
      'blocklist',
    ])
    const kept = messages.locator('li.entry', { hasText: 'useful' })
    expect(await kept.getAttribute('class')).toBe('entry')
    expect(await kept.locator('.message').textContent()).toBe('Clear and <b>useful</b>')
    expect(await kept.locator('b').count()).toBe(0)
    // The export guards formulas for spreadsheets; the page shows the message as it was written.
    const formula = page.getByRole('region', { name: `Messages on ${other}` }).locator('.message')
    expect(await formula.textContent()).toBe('=HYPERLINK("https://evil.example")')
    await page
      .locator('#feedback-body tr', { hasText: post })
      .getByRole('link', { name: '2 messages' })
      .click()
    expect(await page.evaluate('location.hash')).toMatch(/^#feedback-page-\d+$/)

    // The reader who found the page unhelpful changes their mind, without a message this time.
    await vote(post, 'visitor-0003', 'up')
    await page.getByRole('button', { name: 'Refresh' }).click()
    await until(async () => (await summary(post)).slice(0, 3)).toEqual(['3', '0', '1 message'])
    const counts = await t.app.request(`/v1/sites/demo/feedback?page=${encodeURIComponent(post)}`)
    expect(await counts.json()).toEqual({ up: 3, down: 0 })
    await page.evaluate('scrollTo(0, 0)')
    await page.screenshot({ path: join(screenshots, 'feedback.png'), fullPage: true })
  })

  it("lets a moderator sign in with a session token and moderate their site, and nobody else's", async () => {
    const id = await postPending('Mod Queue', 'for the moderator')
    const page = await plainPage()
    await page.goto(`${api.base}/admin`)
    await page.getByLabel('Site id').fill('demo')
    await page.getByText('Use a session token instead').click()
    const tokenField = page.getByLabel('Session token')
    const submit = page.getByRole('button', { name: 'Sign in with the token' })

    await tokenField.fill(await sessionFor('reader-9'))
    await submit.click()
    await until(() => page.getByRole('alert').first().textContent()).toBe(
      'This account is not a moderator of site demo.',
    )
    await page.getByLabel('Site id').fill('other')
    await tokenField.fill(await sessionFor('mod-1'))
    await submit.click()
    await until(() => page.getByRole('alert').first().textContent()).toBe(
      'This account is not a moderator of site other.',
    )

    await page.getByLabel('Site id').fill('demo')
    await tokenField.fill(await sessionFor('mod-1'))
    await submit.click()
    await until(() => page.locator('#who-label').textContent()).toBe('Moderator: Reader mod-1 (demo)')
    expect(await page.getByLabel('Site', { exact: true }).locator('option').allTextContents()).toEqual([
      'Demo blog (demo)',
    ])
    await row(page, 'for the moderator').getByRole('button', { name: 'Approve comment by Mod Queue' }).click()
    await until(() => status(page).textContent()).toBe('Approved 1 comment.')
    expect((await listComments(t.app)).body.comments.map((c: any) => c.id)).toContain(id)
    await page.getByRole('tab', { name: 'Audit log' }).click()
    const newest = page.locator('#audit-body tr').first().locator('td')
    await until(() => newest.nth(1).textContent()).toBe('moderator:google:mod-1')
    expect(await newest.nth(3).textContent()).toBe(id)
  })
  // The real popup page (Google type); only Google's own script is stood in for. Until the API accepts
  // its own origin on auth/token (the next test), the popup's exchange is sent without `Origin`.
  it('signs a moderator in through the sign-in popup, and takes a session from nowhere else', async () => {
    const { context, page } = await ownContext()
    await page.goto(`${api.base}/admin`)
    // A message from anything but the popup is ignored, even with a valid token and the right shape.
    const forged = { type: 'parley:session', token: await sessionFor('mod-1'), user: { name: 'Forged' } }
    await page.evaluate(`window.postMessage(${JSON.stringify(forged)}, '*')`)
    expect(await popupSignIn(context, page, { sendOrigin: false })).toBe('signed in')
    expect(await page.locator('#who-label').textContent()).toBe('Moderator: Reader mod-1 (demo)')
    expect(await storedCredential(page)).toMatchObject({
      kind: 'moderator',
      site: 'demo',
      name: 'Reader mod-1',
    })
    await signedIn(page)
  })

  // Chromium sends `Origin` on the popup's same-origin `POST …/auth/token`: the API's own origin is
  // not cross-origin, so it is served though it is not one of the site's origins.
  it('signs a moderator in through the sign-in popup as a browser sends it', async () => {
    const { context, page } = await ownContext()
    await page.goto(`${api.base}/admin`)
    expect(await popupSignIn(context, page, { sendOrigin: true })).toBe('signed in')
  })
})

/**
 * Opens the sign-in popup from the page and signs in there as mod-1; resolves 'signed in' when the
 * page shows the moderator, else with the popup's message or a note that the page never got it.
 */
async function popupSignIn(context: BrowserContext, page: Page, { sendOrigin }: { sendOrigin: boolean }) {
  const idToken = await readerIdToken('mod-1')
  await context.route('https://accounts.google.com/gsi/client', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: googleStandIn(idToken) }),
  )
  if (!sendOrigin) {
    // Sent from the test process, not the browser's network stack, so the header really is gone.
    await context.route(`${api.base}/v1/sites/demo/auth/token`, async (route) => {
      const { origin: _origin, ...headers } = route.request().headers()
      await route.fulfill({ response: await route.fetch({ headers }) })
    })
  }
  await page.getByLabel('Site id').fill('demo')
  await page.getByRole('button', { name: 'Show sign-in options' }).click()
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Sign in with Google' }).click(),
  ])
  expect(new URL(popup.url()).searchParams.get('origin')).toBe(api.base)
  await popup.getByRole('button', { name: 'Continue as mod-1' }).click()
  const signedIn = page
    .locator('#who-label', { hasText: 'Moderator' })
    .waitFor({ timeout: 10_000 })
    .then(
      () => 'signed in',
      () => 'the page never got the session',
    )
  // The popup closes itself after the hand-off; only a message it shows counts here.
  const refused = popup
    .locator('#status', { hasText: /not|fail/i })
    .waitFor()
    .then(
      () => popup.locator('#status').textContent(),
      () => new Promise<never>(() => {}),
    )
  return Promise.race([signedIn, refused])
}

/** Just enough of Google Identity Services for the popup page: a button that returns the given ID token. */
const googleStandIn = (idToken: string) => `window.google = { accounts: { id: {
  initialize: (options) => { window.signedIn = options.callback },
  renderButton: (el) => {
    const button = document.createElement('button')
    button.type = 'button'
    button.textContent = 'Continue as mod-1'
    button.onclick = () => window.signedIn({ credential: ${JSON.stringify(idToken)} })
    el.append(button)
  },
} } }`
