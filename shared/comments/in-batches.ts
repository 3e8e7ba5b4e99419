const PARALLEL = 16

/** Runs `each` over `items`, a few at a time, so that a long list never floods the store. */
export async function inBatches<T>(items: T[], each: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL) await Promise.all(items.slice(i, i + PARALLEL).map(each))
}
