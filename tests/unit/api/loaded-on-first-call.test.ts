import { describe, expect, it } from 'vitest'
import { loadedOnFirstCall } from '../../../functions/api/loaded-on-first-call.js'

interface Greeter {
  greet(name: string): Promise<string>
  count(): Promise<number>
}

/** A Greeter whose making is counted, failing the first `failures` times. */
function counted(failures = 0) {
  let made = 0
  const make = async (): Promise<Greeter> => {
    made++
    if (made <= failures) throw new Error('could not load')
    let calls = 0
    return { greet: async (name) => `hello ${name} (${++calls})`, count: async () => calls }
  }
  return { make, made: () => made }
}

describe('loadedOnFirstCall', () => {
  it('makes nothing until a method is called', () => {
    const g = counted()
    loadedOnFirstCall(g.make, { greet: true, count: true })
    expect(g.made()).toBe(0)
  })

  it('forwards every method to the one implementation made, however many calls race', async () => {
    const g = counted()
    const greeter = loadedOnFirstCall(g.make, { greet: true, count: true })
    const answers = await Promise.all([greeter.greet('a'), greeter.greet('b'), greeter.count()])
    expect(g.made()).toBe(1)
    expect(answers.slice(0, 2).sort()).toEqual(['hello a (1)', 'hello b (2)'])
    expect(await greeter.count()).toBe(2)
  })

  it('makes it again on the next call after a failed making', async () => {
    const g = counted(1)
    const greeter = loadedOnFirstCall(g.make, { greet: true, count: true })
    await expect(greeter.greet('a')).rejects.toThrow('could not load')
    expect(await greeter.greet('a')).toBe('hello a (1)')
    expect(g.made()).toBe(2)
  })
})
