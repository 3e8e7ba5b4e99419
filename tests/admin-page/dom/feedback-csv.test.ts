// @vitest-environment happy-dom
// How the moderation page reads the site's feedback export (functions/admin/src/feedback-csv.ts).
import { describe, expect, it } from 'vitest'
import { asWritten, csvRows, feedbackByPage } from '../../../functions/admin/src/feedback-csv.js'

const HEADER = 'createdAt,page,vote,message,reasons\r\n'

describe("the page's reading of the feedback export", () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and CRLF rows', () => {
    expect(csvRows('a,"b,c","say ""hi""","two\r\nlines"\r\nd,,e\r\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\r\nlines'],
      ['d', '', 'e'],
    ])
    expect(csvRows('last,row')).toEqual([['last', 'row']])
    expect(csvRows('')).toEqual([])
  })

  it("shows a message as written, without the export's guard against spreadsheet formulas", () => {
    expect(asWritten("'=HYPERLINK(1)")).toBe('=HYPERLINK(1)')
    expect(asWritten("'+1")).toBe('+1')
    expect(asWritten("'@x")).toBe('@x')
    expect(asWritten("'\tx")).toBe('\tx')
    // An apostrophe the reader wrote stays.
    expect(asWritten("'quoted'")).toBe("'quoted'")
    expect(asWritten('plain')).toBe('plain')
  })

  it("counts each page's votes and keeps its messages, newest page and message first", () => {
    const csv =
      HEADER +
      '2026-11-01T10:00:00.000Z,https://b.example/old,up,,\r\n' +
      '2026-11-02T10:00:00.000Z,https://a.example/new,down,"Cheap casino, really",blocklist links\r\n' +
      '2026-11-03T10:00:00.000Z,https://a.example/new,up,"\'=1+1",\r\n' +
      '2026-11-01T09:00:00.000Z,https://a.example/new,up,,\r\n' +
      '2026-11-01T08:00:00.000Z,,up,,\r\n'
    expect(feedbackByPage(csv)).toEqual([
      {
        page: 'https://a.example/new',
        up: 2,
        down: 1,
        at: '2026-11-03T10:00:00.000Z',
        messages: [
          { at: '2026-11-03T10:00:00.000Z', vote: 'up', text: '=1+1', reasons: [] },
          {
            at: '2026-11-02T10:00:00.000Z',
            vote: 'down',
            text: 'Cheap casino, really',
            reasons: ['blocklist', 'links'],
          },
        ],
      },
      { page: 'https://b.example/old', up: 1, down: 0, at: '2026-11-01T10:00:00.000Z', messages: [] },
    ])
    expect(feedbackByPage(HEADER)).toEqual([])
  })
})
