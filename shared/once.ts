/** `make()`, run on the first call only; every call answers what that one made. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined
  return () => {
    made ??= { value: make() }
    return made.value
  }
}

/**
 * An object whose every property is made by its maker on first read, then kept: what is never read
 * is never made.
 */
export function madeOnFirstRead<T extends object>(makers: { [K in keyof T]: () => T[K] }): T {
  const made: Partial<T> = {}
  for (const name of Object.keys(makers) as (keyof T)[])
    Object.defineProperty(made, name, { get: once(makers[name]), enumerable: true })
  return made as T
}
