// oidc-provider ships no types; tests use only its constructor, Koa's callback() and its token store.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>)
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    proxy: boolean
    /** Looks an opaque access token up, as a resource server holding the provider's store would. */
    AccessToken: {
      find(value: string): Promise<{ accountId: string; clientId: string; scope?: string } | undefined>
    }
  }
}
