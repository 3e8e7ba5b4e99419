import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'
import type { TestApp } from '../helpers/test-app.js'

/** Debian's Chromium, as ARCHITECTURE.md prescribes (`npx playwright install` cannot work here). */
export const launchChromium = () =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })

/** The real app on a free loopback port, as a browser reaches it. */
export async function serveApp(app: TestApp['app']) {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * A fresh browser context (its own storage) recording what must never happen on the moderation
 * page, in any of its tabs or popups: uncaught errors and Content-Security-Policy violations.
 */
export async function openContext(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options })
  const problems: string[] = []
  const watch = (page: Page) => {
    page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
        problems.push(`CSP on ${page.url()}: ${message.text()}`)
      }
    })
  }
  context.on('page', watch)
  return { context, problems }
}

export type WatchedContext = Awaited<ReturnType<typeof openContext>>
