#!/usr/bin/env node
// The package's `bin`: runs the TypeScript entry through tsx's loader, so no build step stands between
// `npm install` and `npx parley`.
import { register } from 'tsx/esm/api'

register()
await import('./parley.ts')
