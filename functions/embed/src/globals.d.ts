/** The widget's stylesheet (style.css), minified and inlined by build.ts. */
declare const PARLEY_CSS: string
