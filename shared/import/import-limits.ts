/** The most lines one import request may carry, and its size: a batch that fits one Lambda call. */
export const MAX_IMPORT_LINES = 1000
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024
