/** Why a comment of an export was left out; each is counted in the summary. */
export type SkipReason =
  | 'pingback'
  | 'trackback'
  | 'other-type'
  | 'no-page'
  | 'no-date'
  | 'thread-not-found'
  | 'thread-without-link'
  | 'duplicate-id'
  | 'no-id'

const LABELS: Record<SkipReason, [one: string, many: string]> = {
  pingback: ['pingback', 'pingbacks'],
  trackback: ['trackback', 'trackbacks'],
  'other-type': ['entry of another comment type', 'entries of other comment types'],
  'no-page': ['comment on a post without a valid link', 'comments on posts without a valid link'],
  'no-date': ['comment without a valid date', 'comments without a valid date'],
  'thread-not-found': [
    'post of a thread missing from the export',
    'posts of threads missing from the export',
  ],
  'thread-without-link': ['post of a thread without a link', 'posts of threads without a link'],
  'duplicate-id': ['post repeating an id seen before', 'posts repeating an id seen before'],
  'no-id': ['comment without an id', 'comments without an id'],
}

/** What a conversion left out or changed, for the summary; warnings go out as they happen. */
export class ConversionReport {
  readonly skipped = new Map<SkipReason, number>()
  warnings = 0
  /** WordPress comments without a GMT time, whose local time was taken as UTC. */
  localTimes = 0

  constructor(private readonly onWarning: (message: string) => void = () => {}) {}

  skip(reason: SkipReason, detail?: string): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1)
    if (detail) this.warn(detail)
  }

  warn(message: string): void {
    this.warnings++
    this.onWarning(message)
  }

  get skippedTotal(): number {
    let total = 0
    for (const count of this.skipped.values()) total += count
    return total
  }

  /** e.g. `skipped 2 pingbacks, 2 trackbacks` or `skipped nothing`. */
  describeSkipped(): string {
    if (this.skipped.size === 0) return 'skipped nothing'
    const counts = [...this.skipped].map(([reason, n]) => `${n} ${LABELS[reason][n === 1 ? 0 : 1]}`)
    return `skipped ${counts.join(', ')}`
  }
}
