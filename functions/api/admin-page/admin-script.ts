import { CORE_SCRIPT } from './script-core.js'
import { FEEDBACK_SCRIPT } from './script-feedback.js'
import { PANELS_SCRIPT } from './script-panels.js'
import { QUEUE_SCRIPT } from './script-queue.js'

/** The moderation page's whole script: one strict-mode function, nothing global. */
export const ADMIN_SCRIPT = `(() => {
'use strict'
${CORE_SCRIPT}
${QUEUE_SCRIPT}
${PANELS_SCRIPT}
${FEEDBACK_SCRIPT}
})()
`
