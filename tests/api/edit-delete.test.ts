import { describe, expect, it } from 'vitest'
import { bodyOf, problemOf } from '../helpers/route-contract.js'
import { createTestApp, jsonRequest, listComments, postAsGuest } from '../helpers/test-app.js'

const patch = (body: unknown, token?: string) =>
  jsonRequest('PATCH', body, token === undefined ? {} : { 'X-Edit-Token': token })
const del = (token?: string): RequestInit => ({
  method: 'DELETE',
  headers: token === undefined ? {} : { 'X-Edit-Token': token },
})

describe('PATCH /v1/sites/:siteId/comments/:id', () => {
  it('edits with the edit token, renders again and sets editedAt', async () => {
    const { app, clock } = await createTestApp()
    const { body: posted } = await postAsGuest(app, { body: 'first' })
    clock.advance(60_000)
    const res = await app.request(
      `/v1/sites/demo/comments/${posted.comment.id}`,
      patch({ body: '_second_' }, posted.editToken),
    )
    expect(res.status).toBe(200)
    const { comment } = await bodyOf(res, 'editComment', 200)
    expect(comment.html).toBe('<p><em>second</em></p>')
    expect(comment.editedAt).toBe(new Date(clock()).toISOString())
    expect((await listComments(app)).body.comments[0]?.html).toBe('<p><em>second</em></p>')
  })

  it('returns 403 edit-window-closed when the window has passed', async () => {
    const { app, clock } = await createTestApp()
    const { body: posted } = await postAsGuest(app, { body: 'first' })
    clock.advance(16 * 60_000)
    const res = await app.request(
      `/v1/sites/demo/comments/${posted.comment.id}`,
      patch({ body: 'x' }, posted.editToken),
    )
    expect(res.status).toBe(403)
    expect((await problemOf(res)).code).toBe('edit-window-closed')
  })

  it('returns 401 without a token and 403 forbidden with another comment’s token, changing nothing', async () => {
    const { app, clock } = await createTestApp()
    const { body: mine } = await postAsGuest(app, { body: 'mine' })
    clock.advance(1000)
    const { body: theirs } = await postAsGuest(app, { body: 'theirs' })
    const url = `/v1/sites/demo/comments/${mine.comment.id}`
    const none = await app.request(url, patch({ body: 'x' }))
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toBe('Bearer')
    const wrong = await app.request(url, patch({ body: 'x' }, theirs.editToken))
    expect(wrong.status).toBe(403)
    expect((await problemOf(wrong)).code).toBe('forbidden')
    expect((await app.request(url, del(theirs.editToken))).status).toBe(403)
    expect((await listComments(app)).body.comments.map((c: { html: string }) => c.html)).toEqual([
      '<p>mine</p>',
      '<p>theirs</p>',
    ])
  })

  it('returns 404 comment-not-found for an unknown or malformed id', async () => {
    const { app } = await createTestApp()
    for (const id of ['0000000000000000a', 'not-an-id', '../../admin']) {
      const res = await app.request(
        `/v1/sites/demo/comments/${encodeURIComponent(id)}`,
        patch({ body: 'x' }, 'token'),
      )
      expect(res.status).toBe(404)
      expect((await problemOf(res)).code).toBe('comment-not-found')
    }
  })
})

describe('DELETE /v1/sites/:siteId/comments/:id', () => {
  it('removes a comment without replies and lowers the count', async () => {
    const { app } = await createTestApp()
    const { body: posted } = await postAsGuest(app)
    const res = await app.request(`/v1/sites/demo/comments/${posted.comment.id}`, del(posted.editToken))
    expect(res.status).toBe(204)
    const { body } = await listComments(app)
    expect(body).toMatchObject({ comments: [], page: { commentCount: 0 } })
    expect(
      (await app.request(`/v1/sites/demo/comments/${posted.comment.id}`, del(posted.editToken))).status,
    ).toBe(404)
  })

  it('leaves a tombstone while replies remain, and drops it with the last reply', async () => {
    const { app } = await createTestApp()
    const { body: parent } = await postAsGuest(app, { body: 'parent' })
    const { body: reply } = await postAsGuest(app, { body: 'reply', parentId: parent.comment.id })
    await app.request(`/v1/sites/demo/comments/${parent.comment.id}`, del(parent.editToken))
    const { body } = await listComments(app)
    expect(body.page.commentCount).toBe(1)
    expect(body.comments[0]).toMatchObject({ id: parent.comment.id, deleted: true, html: '', author: null })
    expect(body.comments[1]).toMatchObject({ id: reply.comment.id, deleted: false })
    await app.request(`/v1/sites/demo/comments/${reply.comment.id}`, del(reply.editToken))
    expect((await listComments(app)).body).toMatchObject({ comments: [], page: { commentCount: 0 } })
  })
})
