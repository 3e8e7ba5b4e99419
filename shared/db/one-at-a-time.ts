import pLimit, { type LimitFunction } from 'p-limit'

const queues = new Map<string, LimitFunction>()

/**
 * Runs `write` once every earlier write of this process to the same hot item (`key`) has settled.
 * Concurrent transactions on one item are written one after another by the store anyway; sent
 * together they only wait on its lock, where DynamoDB cancels them (`TransactionConflict`) and
 * DynamoDB Local times them out. A Lambda process serves one request at a time, so there this never
 * waits; a process serving many (local mode, tests) queues its racing writes here instead.
 */
export async function oneAtATime<T>(key: string, write: () => Promise<T>): Promise<T> {
  let queue = queues.get(key)
  if (!queue) {
    queue = pLimit(1)
    queues.set(key, queue)
  }
  try {
    return await queue(write)
  } finally {
    if (queue.activeCount === 0 && queue.pendingCount === 0 && queues.get(key) === queue) queues.delete(key)
  }
}
