import { describe, expect, it } from 'vitest'
import { admitServer, parseServerName } from '../../../shared/auth/mastodon/server-name.js'
import { ValidationError } from '../../../shared/errors.js'

const refusal = (typed: string) => {
  try {
    parseServerName(typed)
  } catch (err) {
    return err
  }
  return undefined
}

describe('parseServerName', () => {
  it.each([
    ['mastodon.social', 'mastodon.social'],
    ['  Mastodon.Social  ', 'mastodon.social'],
    ['https://mastodon.social', 'mastodon.social'],
    ['https://mastodon.social/', 'mastodon.social'],
    ['HTTPS://MASTODON.SOCIAL/', 'mastodon.social'],
    ['@me@mastodon.social', 'mastodon.social'],
    ['me@mastodon.social', 'mastodon.social'],
    ['@first.last@social.example.org', 'social.example.org'],
    ['mastodon.social.', 'mastodon.social'],
    ['mastödon.example', 'xn--mastdon-d1a.example'],
  ])('reads %j as the host %s', (typed, host) => {
    expect(parseServerName(typed)).toBe(host)
  })

  it.each([
    ['an IPv4 literal', '93.184.216.34'],
    ['a loopback IPv4', '127.0.0.1'],
    ['a decimal IPv4', '2130706433'],
    ['an octal IPv4', '0177.0.0.1'],
    ['a hex IPv4', '0x7f.1'],
    ['a short IPv4', '127.1'],
    ['a bracketed IPv6', '[::1]'],
    ['a bracketed IPv6 URL', 'https://[fd00:ec2::254]/'],
    ['a bare IPv6', '::1'],
    ['the metadata address', '169.254.169.254'],
    ['localhost', 'localhost'],
    ['a name under localhost', 'mastodon.localhost'],
    ['a single label', 'intranet'],
    ['a port', 'mastodon.social:8443'],
    ['a URL with a port', 'https://mastodon.social:443x/'],
    ['a path', 'mastodon.social/@me'],
    ['a URL with a path', 'https://mastodon.social/about'],
    ['a query', 'https://mastodon.social/?x=1'],
    ['user info', 'https://me:pw@mastodon.social/'],
    ['user info without a password', 'https://evil@mastodon.social/'],
    ['an http URL', 'http://mastodon.social'],
    ['another scheme', 'javascript://mastodon.social'],
    ['nothing', '   '],
    ['spaces inside', 'mastodon social'],
    ['an underscore label', 'masto_don.social'],
    ['a label too long', `${'a'.repeat(64)}.example`],
    ['a name too long', `${'a'.repeat(301)}.example`],
    ['two handles', '@a@b@mastodon.social'],
  ])('refuses %s (%j) as a validation problem on #/server', (_what, typed) => {
    const err = refusal(typed)
    expect(err).toBeInstanceOf(ValidationError)
    expect(err).toMatchObject({ code: 'validation', errors: [{ pointer: '#/server' }] })
  })
})

describe('admitServer', () => {
  it('admits any server when the site lists none', () => {
    expect(() => admitServer('mastodon.social', undefined)).not.toThrow()
  })

  it('admits a listed server however the list spells it', () => {
    expect(() => admitServer('fosstodon.org', ['mastodon.social', 'https://Fosstodon.org/'])).not.toThrow()
  })

  it('refuses a server the site does not list, with a validation problem on #/server', () => {
    expect(() => admitServer('evil.example', ['mastodon.social'])).toThrow(
      expect.objectContaining({
        code: 'validation',
        errors: [{ pointer: '#/server', detail: expect.any(String) }],
      }),
    )
  })

  it('refuses a server whose name only ends like a listed one', () => {
    expect(() => admitServer('notmastodon.social', ['mastodon.social'])).toThrow(ValidationError)
  })
})
