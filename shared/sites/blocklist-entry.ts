import { ValidationError } from '../errors.js'

const REGEX_ENTRY = /^\/(.+)\/([a-z]*)$/s
const MAX_PATTERN_LENGTH = 200
/** A quantified group with alternatives, like `(a|a)*`, can backtrack exponentially too. */
const QUANTIFIED_ALTERNATION = /\([^()]*\|[^()]*\)\s*(?:[*+]|\{\d*,)/

/**
 * Whether a blocklist entry may be saved: any word, or a `/regex/flags` that compiles, is short, and
 * cannot backtrack catastrophically (no nested quantifiers, no quantified alternation). Refused
 * patterns never reach a request, so no comment can stall the service.
 */
function isSafeBlocklistEntry(entry: string, safeRegex: (source: string) => boolean): boolean {
  const regex = REGEX_ENTRY.exec(entry)
  if (!regex) return true
  const [, source = '', flags = ''] = regex
  if (source.length > MAX_PATTERN_LENGTH || !/^[imsu]*$/.test(flags)) return false
  try {
    new RegExp(source, flags)
  } catch {
    return false
  }
  return safeRegex(source) && !QUANTIFIED_ALTERNATION.test(source)
}

/**
 * @throws ValidationError naming every unsafe entry of a site's blocklist (`#/spam/blocklist/N`)
 */
export async function assertSafeBlocklist(blocklist: readonly string[]): Promise<void> {
  // Loaded with the first save of a site, never at a cold start: only operators save sites.
  const { default: safeRegex } = await import('safe-regex2')
  const problems = blocklist.flatMap((entry, i) =>
    isSafeBlocklistEntry(entry, safeRegex)
      ? []
      : [
          {
            pointer: `#/spam/blocklist/${i}`,
            detail:
              'must be a word, or a /regex/ of at most 200 characters that cannot backtrack catastrophically',
          },
        ],
  )
  if (problems.length > 0) throw new ValidationError(problems)
}
