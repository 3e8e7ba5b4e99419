/**
 * WordPress keeps names and titles with HTML entities (`What&#8217;s`, `&amp;`); Parley keeps them
 * as plain text and escapes on output, so entities are decoded once here, and tags dropped.
 */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
}

const fromCodePoint = (code: number, raw: string) =>
  Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
    ? String.fromCodePoint(code)
    : raw

/** Entities decoded, tags removed, whitespace collapsed and trimmed. */
export function plainText(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (raw, entity: string) => {
      if (entity[0] !== '#') return NAMED[entity.toLowerCase()] ?? raw
      const hex = entity[1] === 'x' || entity[1] === 'X'
      return fromCodePoint(Number.parseInt(entity.slice(hex ? 2 : 1), hex ? 16 : 10), raw)
    })
    .replace(/\s+/g, ' ')
    .trim()
}
