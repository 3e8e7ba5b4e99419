const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
]

/** "3 hours ago" (or "now") in the reader's language; never "in …": a reader's clock may run behind. */
export function relativeTime(iso: string, lang: string, now = Date.now()): string {
  const seconds = Math.min(0, (Date.parse(iso) - now) / 1000)
  const abs = Math.abs(seconds)
  const [unit, size] = UNITS.find(([, size]) => abs >= size) ?? ['second', 1]
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' })
  return format.format(abs < 10 ? 0 : Math.round(seconds / size), unit)
}

/** The exact time, for the tooltip. */
export const exactTime = (iso: string, lang: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso))
