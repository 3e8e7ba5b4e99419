/**
 * The moderation page's script (bundled by build.ts, inlined into the page served at `GET /admin`
 * with the page's CSP nonce): it fills the static shell of functions/api/admin-page/admin-page.ts
 * from the admin API with the signed-in credential. Every value from the API reaches the DOM as
 * text, never as markup (see safe-fragment.ts for a comment's HTML).
 */
import { wireAudit } from './audit.js'
import { wireBans } from './bans.js'
import { wireFeedback } from './feedback.js'
import { $, openHelp } from './page.js'
import { wireQueue } from './queue.js'
import { resume, wireSignIn } from './session.js'
import { wireTabs } from './views.js'
import { wireWebhooks } from './webhooks.js'

wireSignIn()
wireTabs()
wireQueue()
wireBans()
wireAudit()
wireFeedback()
wireWebhooks()
$('help-open').addEventListener('click', openHelp)
resume()
