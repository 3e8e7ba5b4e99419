import type { Comment, LikeResponse } from '../../../shared/contracts/index.js'
import type { ApiError, Call } from './api.js'
import type { Session } from './storage.js'

/** What liking needs from the widget. */
export interface LikeHost {
  call_: Call
  session_(): Session | undefined
  /** Stores the session with its updated list of liked comments. */
  keep_(session: Session): void
  /** The session was refused (expired): forget it. */
  expired_(): void
  say_(message: string): void
}

/**
 * Likes `c` for the signed-in reader, or unlikes it when `button` is pressed, and shows what the API
 * answers: the count (`show` displays it and returns its words) and whether the reader's like is in.
 */
export async function toggleLike(
  host: LikeHost,
  c: Comment,
  button: HTMLButtonElement,
  show: (likes: number) => string,
) {
  const s = host.session_()
  if (!s || button.getAttribute('aria-disabled')) return
  button.setAttribute('aria-disabled', 'true')
  try {
    const { reactions, mine } = await host.call_<LikeResponse>(
      `/comments/${encodeURIComponent(c.id)}/reactions/like`,
      {
        method: button.getAttribute('aria-pressed') === 'true' ? 'DELETE' : 'PUT',
        headers: { Authorization: `Bearer ${s.token}` },
      },
    )
    const on = mine.includes('like')
    c.reactions = reactions
    button.setAttribute('aria-pressed', String(on))
    host.keep_({ ...s, liked: { ...s.liked, [c.id]: on } })
    host.say_(show(reactions.like))
  } catch (error) {
    if ((error as ApiError).status === 401) host.expired_()
    host.say_((error as Error).message)
  } finally {
    button.removeAttribute('aria-disabled')
  }
}
