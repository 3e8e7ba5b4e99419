import { fileURLToPath } from 'node:url'

/** The import fixtures kept beside the repository (`../shared/fixtures/import`), by relative path. */
export const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../shared/fixtures/import/${name}`, import.meta.url))
