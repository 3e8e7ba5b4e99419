const ADDRESS = /[^\s<>"'@]+@[^\s<>"'@]+/g
const URL_PATH = /(https?:\/\/[^\s/"'<>]+)[^\s"'<>]*/g

/**
 * An error as the notifier may log it: a transport's message can quote its recipient ("550
 * <ada@…> unknown"), a webhook's its URL, whose path is a secret for Slack and Discord. Logs carry
 * neither: addresses are replaced, URLs cut to their origin.
 */
export function redactError(err: unknown) {
  const hide = (text: string | undefined) => text?.replace(ADDRESS, '<address>').replace(URL_PATH, '$1/…')
  return err instanceof Error
    ? { name: err.name, message: hide(err.message), stack: hide(err.stack) }
    : 'unknown'
}
