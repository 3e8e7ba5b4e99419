import type { Context } from 'hono'

const BEARER = /^Bearer\s+(\S+)$/i

/** The Bearer token of the request, if it has one. */
export const bearerToken = (c: Context) => BEARER.exec(c.req.header('Authorization') ?? '')?.[1]
