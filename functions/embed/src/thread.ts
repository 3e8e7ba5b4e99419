import { h } from './dom.js'

/** Replies shown in a collapsed thread before "show N more replies". */
const SHOWN_REPLIES = 3

/** The `<ol>` of a comment's replies, created on first use. */
export function repliesOf(li: HTMLLIElement): HTMLOListElement {
  const existing = li.querySelector<HTMLOListElement>(':scope > .rp')
  if (existing) return existing
  const ol = h('ol', { class: 'rp' })
  li.insertBefore(ol, li.querySelector(':scope > .rs'))
  return ol
}

/** Puts a top-level comment in the list: pinned ones first, then at the start or at the end. */
export function placeTopLevel(list: HTMLOListElement, li: HTMLLIElement, atStart: boolean): void {
  const firstUnpinned = Array.from(list.children).find((el) => !el.classList.contains('pin')) ?? null
  list.insertBefore(li, li.classList.contains('pin') || atStart ? firstUnpinned : null)
}

/**
 * Collapses each long thread that the reader has not expanded: the first replies stay, the rest
 * (in reading order) are hidden behind one "show N more replies" button.
 */
export function collapseThreads(
  list: HTMLOListElement,
  expanded: Set<string>,
  label: (hidden: number) => string,
  onExpand: (firstShown: HTMLLIElement) => void,
): void {
  for (const top of Array.from(list.children) as HTMLLIElement[]) {
    top.querySelector(':scope > .rs')?.remove()
    const replies = Array.from(top.querySelectorAll<HTMLLIElement>('li.c'))
    const id = top.dataset.id ?? ''
    const collapse = !expanded.has(id) && replies.length > SHOWN_REPLIES + 1
    replies.forEach((reply, i) => {
      reply.hidden = collapse && i >= SHOWN_REPLIES
    })
    if (!collapse) continue
    const hidden = replies.slice(SHOWN_REPLIES)
    const button = h('button', { type: 'button', class: 'lk rs' }, label(hidden.length))
    button.addEventListener('click', () => {
      expanded.add(id)
      collapseThreads(list, expanded, label, onExpand)
      if (hidden[0]) onExpand(hidden[0])
    })
    top.append(button)
  }
}
