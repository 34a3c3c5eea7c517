import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ValidationError } from '../errors.ts'
import { jsonTextTooDeep, MAX_JSON_DEPTH, parseBoundedJson, valueTooDeep } from './bounded-json.ts'

/** Levels of objects and arrays: 0 for a scalar. */
const depthOf = (v: unknown): number =>
  typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0

const nested = (levels: number, leaf = '1') => '{"a":['.repeat(levels) + leaf + ']}'.repeat(levels)

// Keys and strings full of the characters the scanner must not take for structure.
const tricky = fc.string({ unit: fc.constantFrom('{', '[', '"', '\\', ',', ':', ']', '}', 'a', 'é', '\u2028'), maxLength: 6 })
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.oneof(tricky, fc.integer(), fc.boolean(), fc.constant(null)), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(tricky, tie('value'), { maxKeys: 3 }),
})).value

describe('JSON depth bound', () => {
  it('the text scan finds exactly what a walk of the parsed value finds, at any limit and layout', () => {
    fc.assert(
      fc.property(json, fc.integer({ min: 1, max: 8 }), fc.boolean(), (value, max, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined)
        const fromText = jsonTextTooDeep(text, max)
        expect(fromText).toEqual(valueTooDeep(value, max))
        expect(fromText !== undefined).toBe(depthOf(value) > max)
        // The path leads to a container at the limit whose child opens one level too deep.
        if (fromText) expect(depthOf(fromText.reduce<any>((v, k) => v[k], value))).toBeGreaterThan(0)
      }),
      { numRuns: 2000 },
    )
  })

  it('accepts 64 levels, refuses 65 and 5,000 naming where, without recursing into them', () => {
    expect(jsonTextTooDeep(nested(32))).toBeUndefined() // 64 levels: 32 objects + 32 arrays
    expect(jsonTextTooDeep(nested(33))).toEqual(Array.from({ length: 32 }, () => ['a', 0]).flat()) // the 65th level
    expect(() => parseBoundedJson(nested(2_500), ['body'])).toThrow(ValidationError)
    const error = (() => {
      try {
        parseBoundedJson('['.repeat(1_000_000))
      } catch (e) {
        return e as ValidationError
      }
    })()
    expect(error?.issues[0]).toEqual({ path: [0, 0, 0, 0, 0, 0], message: `nests deeper than ${MAX_JSON_DEPTH} levels; at most ${MAX_JSON_DEPTH} levels of JSON are accepted` })
  })

  it('names the field that holds the deep value and leaves invalid JSON to the parser', () => {
    const deep = `{"name":"x","trigger_data":${nested(40)}}`
    try {
      parseBoundedJson(deep)
      expect.fail('accepted')
    } catch (e) {
      expect((e as ValidationError).issues[0]!.path).toEqual(['trigger_data', 'a', 0, 'a', 0, 'a'])
    }
    expect(() => parseBoundedJson('{"a":', ['body'], 'must be JSON')).toThrow(/must be JSON/)
    expect(parseBoundedJson('{"__proto__":{"x":1}}')).toEqual(JSON.parse('{"__proto__":{"x":1}}'))
  })
})
