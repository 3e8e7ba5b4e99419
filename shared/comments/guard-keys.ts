/** Where a ban is looked up when a comment is posted: one item per (kind, keyed hash of the value). */
export const banKey = (siteId: string, kind: string, hash: string) => ({
  pk: `S#${siteId}#BANKEY#${kind}#${hash}`,
  sk: 'BAN',
})
