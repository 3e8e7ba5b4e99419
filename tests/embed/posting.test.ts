import type { Page, Request } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { bodyOf } from '../helpers/route-contract.js'
import { type Api, type Blog, blogPost, until, useBrowserSuite, widgetReady } from './harness.js'

// Callbacks given to page.evaluate run in the browser; these files are typed without the DOM lib.
declare const document: any

let blog: Blog
let api: Api
let page: Page
useBrowserSuite((suite) => {
  ;({ blog, api, page } = suite)
})

/** The POSTs of comments the page sends from now on. */
function recordPosts(p: Page) {
  const posts: Request[] = []
  p.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/comments')) posts.push(r)
  })
  return posts
}

const mainForm = (p: Page) => p.locator('#comments form').first()
/** The element focused inside the widget, described by its tag and text. */
const focused = (p: Page) =>
  p.evaluate(() => {
    const el = document.querySelector('#comments').shadowRoot.activeElement
    return el ? `${el.tagName.toLowerCase()}: ${el.textContent ?? ''}` : 'none'
  })

async function openPost(path: string, attrs = '') {
  const url = blog.page(path, blogPost(api.origin, { attrs }))
  await page.goto(url)
  await widgetReady(page)
  return url
}

describe('posting from the widget', () => {
  it('posts a guest comment and a reply; both appear, with formToken and an Idempotency-Key', async () => {
    const url = await openPost('/guest')
    const posts = recordPosts(page)
    const events = await page.evaluateHandle(() => {
      const seen: string[] = []
      document
        .querySelector('#comments')
        .addEventListener('parley:comment', (e: any) => seen.push(e.detail.comment.id))
      return seen
    })
    const form = mainForm(page)
    await form.getByLabel('Comment', { exact: true }).fill('Hello from the **widget**')
    await form.getByLabel('Name', { exact: true }).fill('Grace')
    await form.getByLabel('Email', { exact: true }).fill('grace@example.com')
    await form.getByLabel('Website', { exact: true }).fill('grace.example')
    await form.getByRole('button', { name: 'Post comment' }).click()

    const mine = page.locator('#comments ol.list > li').first()
    await until(() => mine.locator('.tx').textContent()).toBe('Hello from the widget')
    expect(await mine.locator('strong').textContent()).toBe('widget')
    expect(await mine.locator('a.nm').getAttribute('href')).toMatch(/^https:\/\/grace\.example\/?$/)
    expect(await page.locator('#comments h2').textContent()).toBe('1 comment')
    expect(await focused(page)).toMatch(/^article: .*Grace/)
    await until(() => page.locator('#comments [role=status]').textContent()).toBe(
      'Your comment is published.',
    )
    expect(await form.getByLabel('Comment', { exact: true }).inputValue()).toBe('')

    const sent = posts[0]
    expect(sent?.headers()['idempotency-key']).toMatch(/^[\w-]{16,}$/)
    const body = sent?.postDataJSON()
    expect(body).toMatchObject({ page: url, hp: '', author: { name: 'Grace', email: 'grace@example.com' } })
    expect(body.formToken).toEqual(expect.any(String))
    expect(body.pageTitle).toBe('A post')
    // The reply-mail box left unchecked: nothing asked for.
    expect(body).not.toHaveProperty('notify')

    await mine.getByRole('button', { name: 'Reply', exact: true }).click()
    const replyForm = mine.locator('form')
    expect(await replyForm.locator('h3').textContent()).toBe('Reply to Grace')
    expect(await focused(page)).toMatch(/^textarea/)
    // The guest's name is remembered.
    expect(await replyForm.getByLabel('Name', { exact: true }).inputValue()).toBe('Grace')
    await replyForm.getByLabel('Comment', { exact: true }).fill('Replying to myself')
    await replyForm.getByRole('button', { name: 'Post comment' }).click()
    const reply = mine.locator('ol.rp > li')
    await until(() => reply.locator('.tx').textContent()).toBe('Replying to myself')
    expect(await mine.locator('form').count()).toBe(0)
    expect(await page.locator('#comments h2').textContent()).toBe('2 comments')
    const listed = await bodyOf(
      await api.app.request(`/v1/sites/demo/comments?page=${encodeURIComponent(url)}`),
      'listComments',
      200,
    )
    expect(listed.comments.map((c) => c.parentId)).toEqual([null, listed.comments[0]?.id])
    expect(posts[1]?.postDataJSON().parentId).toBe(listed.comments[0]?.id)
    expect((await events.jsonValue()).length).toBe(2)

    // Reloaded at once, the page shows both: no list kept by the browser from before the posts.
    await page.reload()
    await widgetReady(page)
    expect(await page.locator('#comments .tx').allTextContents()).toEqual([
      'Hello from the widget',
      'Replying to myself',
    ])
  })

  it('asks for reply mail only with an address: the box, by keyboard, sends notify: true', async () => {
    await openPost('/notify')
    const posts = recordPosts(page)
    const form = mainForm(page)
    const box = form.getByLabel('Notify me of replies by e-mail', { exact: true })
    const email = form.getByLabel('Email', { exact: true })
    expect(await box.getAttribute('type')).toBe('checkbox')
    await email.fill('') // an address remembered from an earlier post, gone
    expect(await box.isDisabled()).toBe(true)
    expect(await form.getByText('(a confirmation mail comes first)', { exact: true }).isVisible()).toBe(true)
    const height = () => form.evaluate((el) => el.getBoundingClientRect().height)
    const before = await height()

    await email.fill('ada@example.com')
    expect(await box.isDisabled()).toBe(false)
    expect(await height()).toBe(before) // enabling the box moves nothing
    // Tab from the address past the website to the box, Space checks it.
    await email.focus()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('input: ')
    await page.keyboard.press('Space')
    expect(await box.isChecked()).toBe(true)
    await email.fill('   ')
    expect(await box.isDisabled()).toBe(true)
    await email.fill('ada@example.com')
    await form.getByLabel('Comment', { exact: true }).fill('Tell me when someone answers')
    await form.getByLabel('Name', { exact: true }).fill('Ada')
    await form.getByRole('button', { name: 'Post comment' }).click()
    await until(() => posts.length).toBe(1)
    expect(posts[0]?.postDataJSON()).toMatchObject({
      notify: true,
      author: { name: 'Ada', email: 'ada@example.com' },
    })
    await until(() => page.locator('#comments ol.list > li .tx').first().textContent()).toBe(
      'Tell me when someone answers',
    )

    // Checked, then the address emptied: the box is off and the POST asks for nothing.
    expect(await box.isChecked()).toBe(true)
    await email.fill('')
    await form.getByLabel('Comment', { exact: true }).fill('No address, no mail')
    await form.getByRole('button', { name: 'Post comment' }).click()
    await until(() => posts.length).toBe(2)
    expect(posts[1]?.postDataJSON()).not.toHaveProperty('notify')
    expect(posts[1]?.postDataJSON().author).not.toHaveProperty('email')
  })

  it('posts once on a double click', async () => {
    const url = await openPost('/double')
    const posts = recordPosts(page)
    const form = mainForm(page)
    await form.getByLabel('Comment', { exact: true }).fill('Only once, please')
    await form.getByLabel('Name', { exact: true }).fill('Quick')
    await form.getByRole('button', { name: 'Post comment' }).dblclick()
    await until(() => page.locator('#comments ol.list > li').count()).toBe(1)
    await page.waitForTimeout(300)
    expect(posts).toHaveLength(1)
    const { comments } = await bodyOf(
      await api.app.request(`/v1/sites/demo/comments?page=${encodeURIComponent(url)}`),
      'listComments',
      200,
    )
    expect(comments).toHaveLength(1)
  })

  it('posts and replies with the keyboard alone, focus following along', async () => {
    await openPost('/keyboard')
    await page.locator('h1').click() // focus starts on the page, before the widget
    for (let i = 0; i < 10 && !(await focused(page)).startsWith('textarea'); i++)
      await page.keyboard.press('Tab')
    expect(await focused(page)).toMatch(/^textarea/)
    await page.keyboard.type('Typed without a mouse')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Keys')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('keys@example.com')
    await page.keyboard.press('Tab') // website
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('input: ') // the reply-mail box, enabled by the address
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('button: Post comment')
    await page.keyboard.press('Enter')
    await until(() => focused(page)).toMatch(/^article: .*Typed without a mouse/)

    // Reply: Tab to the new comment's Reply button, write, Ctrl+Enter.
    for (let i = 0; i < 5 && (await focused(page)) !== 'button: Reply'; i++) await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    expect(await focused(page)).toMatch(/^textarea/)
    await page.keyboard.type('And a reply')
    await page.keyboard.press('Control+Enter')
    await until(() => focused(page)).toMatch(/^article: .*And a reply/)

    // Escape closes a reply form and gives focus back to its Reply button.
    for (let i = 0; i < 5 && (await focused(page)) !== 'button: Reply'; i++) await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    expect(await focused(page)).toMatch(/^textarea/)
    await page.keyboard.press('Escape')
    expect(await focused(page)).toBe('button: Reply')
  })

  it('edits and deletes its own comment, and offers neither on others', async () => {
    const url = blog.page('/edit', blogPost(api.origin))
    await api.seed(url, 'Not yours')
    await page.goto(url)
    await widgetReady(page)
    const form = mainForm(page)
    await form.getByLabel('Comment', { exact: true }).fill('Frist post')
    await form.getByLabel('Name', { exact: true }).fill('Typo')
    await form.getByRole('button', { name: 'Post comment' }).click()
    const items = page.locator('#comments ol.list > li')
    await until(() => items.count()).toBe(2)
    expect(await items.nth(0).getByRole('button', { name: 'Edit' }).count()).toBe(0)
    const mine = items.nth(1)

    await mine.getByRole('button', { name: 'Edit' }).click()
    const area = mine.getByLabel('Comment', { exact: true })
    expect(await area.inputValue()).toBe('Frist post')
    await area.fill('First post, *edited*')
    await mine.getByRole('button', { name: 'Save' }).click()
    await until(() => mine.locator('.tx').textContent()).toBe('First post, edited')
    expect(await mine.locator('.mt').textContent()).toContain('edited')
    await until(() => page.locator('#comments [role=status]').textContent()).toBe('Your comment is saved.')

    await mine.getByRole('button', { name: 'Delete' }).click()
    expect(await focused(page)).toBe('button: Cancel')
    await mine.getByRole('button', { name: 'Delete' }).click()
    await until(() => items.count()).toBe(1)
    expect(await page.locator('#comments h2').textContent()).toBe('1 comment')
    const { comments } = await bodyOf(
      await api.app.request(`/v1/sites/demo/comments?page=${encodeURIComponent(url)}`),
      'listComments',
      200,
    )
    expect(comments.map((c) => c.html)).toEqual(['<p>Not yours</p>'])
  })

  it('shows problems inline: a missing name before sending, the API detail after', async () => {
    await openPost('/problems')
    const form = mainForm(page)
    const name = form.getByLabel('Name', { exact: true })
    await name.fill('')
    await form.getByLabel('Comment', { exact: true }).fill('Who am I?')
    await form.getByRole('button', { name: 'Post comment' }).click()
    expect(await form.getByRole('alert').textContent()).toBe('Please fill in this field.')
    expect(await name.getAttribute('aria-invalid')).toBe('true')
    expect(await focused(page)).toBe('input: ')

    await name.fill('Somebody')
    const website = form.getByLabel('Website', { exact: true })
    await website.fill('not a website')
    await form.getByRole('button', { name: 'Post comment' }).click()
    await until(() => website.getAttribute('aria-invalid')).toBe('true')
    expect(await form.getByRole('alert').textContent()).toMatch(/website|url/i)
    expect(await page.locator('#comments ol.list > li').count()).toBe(0)
  })

  it('keeps the honeypot away from people and assistive technology', async () => {
    await openPost('/honeypot')
    const hp = page.locator('#comments input[name=hp]')
    expect(await hp.getAttribute('tabindex')).toBe('-1')
    expect(await hp.isVisible()).toBe(true) // in the layout for bots, but…
    const box = await hp.boundingBox()
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(0) // …off the screen
    const snapshot = await page.locator('#comments').ariaSnapshot()
    expect(snapshot).not.toContain('Leave this field empty')
    expect(snapshot).toContain('textbox "Comment"')
  })
})

describe('the site decides who may comment', () => {
  it('holds comments on a pre-moderated site: "awaiting moderation", count unchanged', async () => {
    await api.deps.sites.create({ id: 'held', name: 'Held', origins: [blog.origin], moderation: 'pre' })
    const url = blog.page('/held', blogPost(api.origin).replace('data-site="demo"', 'data-site="held"'))
    await page.goto(url)
    await widgetReady(page)
    const form = mainForm(page)
    await form.getByLabel('Comment', { exact: true }).fill('Please approve me')
    await form.getByLabel('Name', { exact: true }).fill('Patient')
    await form.getByRole('button', { name: 'Post comment' }).click()
    const item = page.locator('#comments ol.list > li').first()
    await until(() => item.locator('.bg').textContent()).toBe('Awaiting moderation')
    await until(() => page.locator('#comments [role=status]').textContent()).toBe(
      'Your comment is awaiting moderation.',
    )
    expect(await page.locator('#comments h2').textContent()).toBe('0 comments')
    expect(await item.getByRole('button', { name: 'Reply' }).count()).toBe(0)
  })

  it('asks for an e-mail address where required, and only offers sign-in where guests may not post', async () => {
    await api.deps.sites.create({
      id: 'strict',
      name: 'Strict',
      origins: [blog.origin],
      guests: { allowed: true, requireEmail: true },
    })
    await api.deps.sites.create({
      id: 'members',
      name: 'Members',
      origins: [blog.origin],
      guests: { allowed: false, requireEmail: false },
      providers: [{ id: 'google', type: 'google', clientId: 'client-1.apps.googleusercontent.com' }],
    })
    await page.goto(
      blog.page('/strict', blogPost(api.origin).replace('data-site="demo"', 'data-site="strict"')),
    )
    await widgetReady(page)
    const form = mainForm(page)
    await until(() => form.getByText('(never shown)', { exact: true }).count()).toBe(1)
    await form.getByLabel('Comment', { exact: true }).fill('No e-mail given')
    await form.getByLabel('Name', { exact: true }).fill('Anon')
    await form.getByRole('button', { name: 'Post comment' }).click()
    expect(await form.getByLabel('Email', { exact: true }).getAttribute('aria-invalid')).toBe('true')

    await page.goto(
      blog.page('/members', blogPost(api.origin).replace('data-site="demo"', 'data-site="members"')),
    )
    await widgetReady(page)
    await until(() => form.getByRole('button', { name: 'Sign in with Google' }).count()).toBe(1)
    expect(await form.getByText('Sign in to comment.').isVisible()).toBe(true)
    expect(await form.getByLabel('Name', { exact: true }).isVisible()).toBe(false)
  })
})
