import { loadOnce } from './load-once.js'

type AsyncMethods<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> }

/**
 * An object of async methods whose implementation is made on the first call of any of them (then
 * kept): a dependency only some requests use, whose modules a cold start thus never loads. Every
 * method must be named, so that a method added to `T` and not here fails to compile.
 */
export function loadedOnFirstCall<T extends AsyncMethods<T>>(
  make: () => Promise<T>,
  methods: { [K in keyof T]: true },
): T {
  const made = loadOnce(make)
  const forwarding: Partial<T> = {}
  for (const name of Object.keys(methods) as (keyof T)[]) {
    const call = async (...args: never[]) => (await made())[name](...args)
    forwarding[name] = call as T[keyof T]
  }
  return forwarding as T
}
