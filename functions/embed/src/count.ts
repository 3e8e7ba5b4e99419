// count.js: fills every `[data-parley-count="<page url>"]` with that page's published comment count,
// in one request for up to 50 pages (`GET …/counts?page=…&page=…`). An empty value means this page.
import type { CountsResponse } from '../../../shared/contracts/index.js'

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[src*="/count.js"][data-site]')

async function fill(): Promise<void> {
  const site = script?.dataset.site
  if (!script || !site) return
  const byPage = new Map<string, HTMLElement[]>()
  for (const el of document.querySelectorAll<HTMLElement>('[data-parley-count]')) {
    const url = new URL(el.dataset.parleyCount || location.href, location.href)
    url.hash = ''
    byPage.set(url.href, [...(byPage.get(url.href) ?? []), el])
  }
  const pages = [...byPage.keys()]
  for (let i = 0; i < pages.length; i += 50) {
    const query = pages
      .slice(i, i + 50)
      .map((page) => `page=${encodeURIComponent(page)}`)
      .join('&')
    const res = await fetch(
      `${new URL(script.src).origin}/v1/sites/${encodeURIComponent(site)}/counts?${query}`,
      {
        credentials: 'omit',
      },
    )
    if (!res.ok) return
    const { counts } = (await res.json()) as CountsResponse
    for (const [page, n] of Object.entries(counts)) {
      for (const el of byPage.get(page) ?? []) el.textContent = String(n)
    }
  }
}

if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', () => void fill(), { once: true })
else void fill()
