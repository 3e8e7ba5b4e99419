/**
 * The OpenAPI document when inlined into a bundle: the Lambda build generates it from the request
 * schemas (`buildOpenApiDocument`) and replaces this module with one exporting it, so the function
 * carries no JSON Schema generator and answers the route without building anything. Unbundled
 * (local mode, tests): none, and the route builds the document on first use.
 */
export const inlinedOpenApiDocument: object | undefined = undefined
