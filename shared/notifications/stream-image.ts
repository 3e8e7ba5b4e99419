/** DynamoDB nests at most 32 levels; a deeper value is not one of the table's items. */
const MAX_DEPTH = 32

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const number = (n: unknown) => {
  const value = typeof n === 'string' ? Number(n) : Number.NaN
  if (!Number.isFinite(value)) throw new TypeError('not a number')
  return value
}

/**
 * One DynamoDB attribute value (`{ "S": "…" }`, `{ "M": { … } }`, …) as a plain value, from either
 * shape the notifier meets: a Lambda stream event's JSON or the streams client's GetRecords answer
 * (which are the same records). Binary values come out as `undefined`: no item the notifier reads
 * has any.
 * @throws TypeError on anything that is not an attribute value
 */
export function decodeAttribute(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || !isObject(value)) throw new TypeError('not an attribute value')
  const [type, ...others] = Object.keys(value)
  if (type === undefined || others.length > 0) throw new TypeError('not an attribute value')
  const v = value[type]
  switch (type) {
    case 'S':
      if (typeof v !== 'string') throw new TypeError('S is not a string')
      return v
    case 'N':
      return number(v)
    case 'BOOL':
      if (typeof v !== 'boolean') throw new TypeError('BOOL is not a boolean')
      return v
    case 'NULL':
      return null
    case 'M':
      return decodeImage(v, depth + 1)
    case 'L':
      if (!Array.isArray(v)) throw new TypeError('L is not a list')
      return v.map((item) => decodeAttribute(item, depth + 1))
    case 'SS':
      if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new TypeError('bad SS')
      return v
    case 'NS':
      if (!Array.isArray(v)) throw new TypeError('NS is not a list')
      return v.map(number)
    case 'B':
    case 'BS':
      return undefined
    default:
      throw new TypeError(`unknown attribute type ${type}`)
  }
}

/**
 * An item image (`NewImage`, `OldImage`) as a plain object, for the domain schemas to parse.
 * @throws TypeError on anything that is not an item image
 */
export function decodeImage(image: unknown, depth = 0): Record<string, unknown> {
  if (!isObject(image)) throw new TypeError('not an item image')
  const item: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(image)) {
    const decoded = decodeAttribute(value, depth)
    // Defined, not assigned: an attribute named `__proto__` must not set the object's prototype.
    if (decoded !== undefined)
      Object.defineProperty(item, name, {
        value: decoded,
        enumerable: true,
        writable: true,
        configurable: true,
      })
  }
  return item
}
