// embed.js: `<div id="comments"></div><script src="https://API/embed.js" data-site="…" async></script>`
// (contract section 6). Talks only to the origin it was loaded from.
import { loadWords, pickLanguage } from './i18n.js'
import { createWidget, type Widget } from './widget.js'

interface Parley {
  signIn: Widget['signIn']
  signOut(): void
  reload(next?: { pageUrl?: string; pageId?: string }): Promise<void>
  destroy(): void
}

declare global {
  interface Window {
    Parley?: Parley
  }
}

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[src*="/embed.js"][data-site]')

/** `data-page-url`, else `<link rel=canonical>`, else the location; never with a fragment. */
function pageUrl(el: HTMLScriptElement): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel=canonical]')?.href
  const url = new URL(el.dataset.pageUrl || canonical || location.href, location.href)
  url.hash = ''
  return url.href
}

/** `data-target`, else `#parley`, else `#comments`, else a new element right after the script. */
function container(el: HTMLScriptElement): HTMLElement | null {
  let found: HTMLElement | null = null
  try {
    found = el.dataset.target ? document.querySelector<HTMLElement>(el.dataset.target) : null
  } catch {
    // Not a valid selector: fall back to the defaults.
  }
  found ??= document.getElementById('parley') ?? document.getElementById('comments')
  if (found || document.readyState === 'loading') return found
  const div = document.createElement('div')
  el.after(div)
  return div
}

function init(): void {
  const site = script?.dataset.site
  // A second copy of the script (or a second init) leaves the first widget alone.
  if (!script || !site || window.Parley) return
  const host = container(script)
  if (!host) {
    document.addEventListener('DOMContentLoaded', init, { once: true })
    return
  }
  const { theme = '', lang, pageId, avatars, feedback = host.dataset.feedback } = script.dataset
  const api = new URL(script.src).origin
  let destroyed = false
  // English is at hand at once; another language first fetches its words (one small cached file).
  const ready = loadWords(api, pickLanguage(lang, navigator.languages ?? [navigator.language])).then(
    (speech) => {
      const widget = createWidget(host, {
        api,
        site,
        pageUrl: pageUrl(script),
        pageId: pageId || undefined,
        theme: ['light', 'dark'].includes(theme) ? theme : 'auto',
        pictures: avatars === 'pictures',
        feedback: feedback === 'on',
        ...speech,
      })
      if (destroyed) widget.destroy()
      return widget
    },
  )
  window.Parley = {
    signIn: async (input) => (await ready).signIn(input),
    signOut: () => void ready.then((widget) => widget.signOut()),
    reload: async (next) => (await ready).reload(next, pageUrl(script)),
    destroy() {
      destroyed = true
      void ready.then((widget) => widget.destroy())
      delete window.Parley
    },
  }
}

init()
