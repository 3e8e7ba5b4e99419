/**
 * Renders Markdown, loading the renderer on first use: requests that only read comments (most of
 * them, and the cold starts they trigger) never load micromark.
 */
export async function renderMarkdownOnDemand(source: string): Promise<string> {
  const { renderMarkdown } = await import('./render-markdown.js')
  return renderMarkdown(source)
}
