import type { Call } from './api.js'
import { h, uid } from './dom.js'
import type { Translate } from './i18n.js'
import type { Vote } from './storage.js'
import { Word } from './word.js'

/** What the feedback box needs from the widget. */
export interface FeedbackHost {
  t: Translate
  call_: Call
  /** The page voted on, as the API names it. */
  page_(): { page: string; pageId?: string }
  /** The reader's anonymous id (contract: `visitor`, 8..64 characters). */
  visitor_(): string
  /** The vote this browser cast on the page, if any. */
  vote_(): Vote | undefined
  setVote_(vote: Vote): void
}

/**
 * "Was this page helpful? 👍 👎" (`data-feedback="on"`): a vote is one POST …/feedback and a later
 * one replaces it. After a vote, thanks and an optional "Tell us more", sent with the same vote.
 */
export function createFeedbackBox(host: FeedbackHost) {
  const { t } = host
  const questionId = uid('q')
  const said = h('span', { 'aria-live': 'polite' })
  const thumb = (vote: Vote, label: string, emoji: string) =>
    h('button', { type: 'button', class: 'tg', 'aria-label': label, onclick: () => void send(vote) }, emoji)
  const up = thumb('up', t(Word.yes), '👍')
  const down = thumb('down', t(Word.no), '👎')
  const area = h('textarea', { id: uid('f'), maxlength: 1000, required: true })
  const form = h(
    'form',
    {
      class: 'f',
      hidden: true,
      onsubmit: (event) => {
        event.preventDefault()
        const vote = host.vote_()
        if (vote) void send(vote, area.value.trim())
      },
    },
    h('label', { for: area.id }, t(Word.tellMore)),
    area,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'btn' }, t(Word.send))),
  )
  const press = (vote = host.vote_()) => {
    up.setAttribute('aria-pressed', String(vote === 'up'))
    down.setAttribute('aria-pressed', String(vote === 'down'))
  }

  /** Casts `vote` (with a message from "Tell us more"); the same vote again without one sends nothing. */
  async function send(vote: Vote, message?: string) {
    const before = host.vote_()
    if (vote === before && !message) return
    try {
      await host.call_('/feedback', {
        method: 'POST',
        body: { ...host.page_(), vote, visitor: host.visitor_(), ...(message && { message }) },
      })
      host.setVote_(vote)
      press(vote)
      said.textContent = t(before && before !== vote ? Word.changed : Word.thanks)
      form.hidden = Boolean(message)
      if (message) {
        area.value = ''
        ;(vote === 'up' ? up : down).focus()
      }
    } catch (error) {
      said.textContent = (error as Error).message
    }
  }

  press()
  return {
    box_: h(
      'div',
      { class: 'fb' },
      h(
        'div',
        { class: 'row', role: 'group', 'aria-labelledby': questionId },
        h('span', { id: questionId }, t(Word.helpful)),
        up,
        down,
        said,
      ),
      form,
    ),
    /** Shows the vote for the page now named (after `reload`), with no message pending. */
    sync_() {
      press()
      said.textContent = ''
      form.hidden = true
    },
  }
}
