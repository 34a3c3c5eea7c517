import fc from 'fast-check'
import type { TestApp } from '../../support/test-app.ts'
import { keepOnLoopback, smallObject, TOO_LONG } from './fuzz-values.ts'

// The schema as a client sees it: read by an introspection query over HTTP, walked as plain JSON
// (so new queries, mutations and subscriptions are covered without editing the tests).

export type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null }
type InputValue = { name: string; type: TypeRef }
type FullType = {
  kind: string
  name: string
  fields: { name: string; args: InputValue[]; type: TypeRef }[] | null
  inputFields: InputValue[] | null
  interfaces: { name: string }[] | null
  possibleTypes: { name: string }[] | null
  enumValues: { name: string }[] | null
}
export type OperationKind = 'query' | 'mutation' | 'subscription'
export type Operation = { kind: OperationKind; name: string; args: InputValue[]; type: TypeRef }
export type Schema = { operations: Operation[]; types: Map<string, FullType>; errorTypes: Set<string> }

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }'
const INTROSPECTION = `{ __schema {
  queryType { name } mutationType { name } subscriptionType { name }
  types { kind name interfaces { name } possibleTypes { name } enumValues { name }
    fields { name type { ${TYPE_REF} } args { name type { ${TYPE_REF} } } }
    inputFields { name type { ${TYPE_REF} } } } } }`

export async function introspect(t: TestApp): Promise<Schema> {
  const res = await t.gql(INTROSPECTION)
  if (res.errors) throw new Error(JSON.stringify(res.errors))
  const s = res.data.__schema
  const types = new Map<string, FullType>(s.types.map((ty: FullType) => [ty.name, ty]))
  const roots: [OperationKind, string | undefined][] = [['query', s.queryType?.name], ['mutation', s.mutationType?.name], ['subscription', s.subscriptionType?.name]]
  const operations = roots.flatMap(([kind, name]) => (name ? types.get(name)?.fields ?? [] : []).map((f) => ({ kind, name: f.name, args: f.args, type: f.type })))
  const errorTypes = new Set([...types.values()].filter((ty) => ty.interfaces?.some((i) => i.name === 'Error')).map((ty) => ty.name))
  return { operations, types, errorTypes }
}

const named = (ref: TypeRef): TypeRef => (ref.ofType ? named(ref.ofType) : ref)
export const typeString = (ref: TypeRef): string =>
  ref.kind === 'NON_NULL' ? `${typeString(ref.ofType!)}!` : ref.kind === 'LIST' ? `[${typeString(ref.ofType!)}]` : ref.name!

/** `__typename`, plus message and code when the field can answer with one of the error types. */
export function selectionFor(schema: Schema, ref: TypeRef): string {
  const n = named(ref)
  if (n.kind === 'SCALAR' || n.kind === 'ENUM') return ''
  if (n.kind === 'UNION') {
    const canFail = schema.types.get(n.name!)?.possibleTypes?.some((p) => schema.errorTypes.has(p.name))
    return `{ __typename ${canFail ? '... on Error { message code }' : ''} }`
  }
  return '{ __typename }'
}

/** The document for one root field, every argument passed as a variable of its declared type. */
export function documentFor(schema: Schema, op: Operation): string {
  const vars = op.args.map((a) => `$${a.name}: ${typeString(a.type)}`).join(', ')
  const args = op.args.map((a) => `${a.name}: $${a.name}`).join(', ')
  return `${op.kind}${vars ? `(${vars})` : ''} { ${op.name}${args ? `(${args})` : ''} ${selectionFor(schema, op.type)} }`
}

/** A plausible value of an input type (what a well-behaved client would send). */
export function sampleValue(schema: Schema, ref: TypeRef, argName = ''): unknown {
  if (ref.kind === 'NON_NULL') return sampleValue(schema, ref.ofType!, argName)
  if (ref.kind === 'LIST') return [sampleValue(schema, ref.ofType!, argName)]
  const full = schema.types.get(ref.name!)
  if (ref.kind === 'ENUM') return full!.enumValues![0]!.name
  if (ref.kind === 'INPUT_OBJECT')
    return Object.fromEntries((full!.inputFields ?? []).filter((f) => f.type.kind === 'NON_NULL').map((f) => [f.name, sampleValue(schema, f.type, f.name)]))
  switch (ref.name) {
    case 'Int':
      return 1
    case 'Boolean':
      return false
    case 'JSON':
      return argName === 'nodes' || argName === 'edges' ? [] : {}
    case 'DateTime':
      return new Date(0).toISOString()
    default:
      return `probe-${argName || 'value'}`
  }
}

/** Any value a client could send for an input type: the right type, the wrong type, too big, null. */
export function fuzzValue(schema: Schema, ref: TypeRef, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 20 }), smallObject, fc.constant(null), fc.constant(TOO_LONG))
  if (ref.kind === 'NON_NULL') return fc.oneof({ weight: 4, arbitrary: fuzzValue(schema, ref.ofType!, depth) }, { weight: 1, arbitrary: fc.constant(null) })
  if (ref.kind === 'LIST') return fc.oneof(fc.array(fuzzValue(schema, ref.ofType!, depth + 1), { maxLength: 3 }), wrong)
  const full = schema.types.get(ref.name!)
  if (ref.kind === 'ENUM') return fc.oneof(fc.constantFrom(...full!.enumValues!.map((v) => v.name)), fc.string({ maxLength: 12 }), wrong)
  if (ref.kind === 'INPUT_OBJECT') {
    if (depth > 3) return smallObject
    const fields = full!.inputFields ?? []
    return fc.oneof(
      { weight: 3, arbitrary: fc.record(Object.fromEntries(fields.map((f) => [f.name, fuzzValue(schema, f.type, depth + 1)])), { requiredKeys: [] }) },
      { weight: 1, arbitrary: wrong },
    )
  }
  switch (ref.name) {
    case 'Int':
      return fc.oneof(fc.integer(), fc.integer({ min: -5, max: 5 }), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 1e21, 0.5, Number.MAX_SAFE_INTEGER), wrong)
    case 'Boolean':
      return fc.oneof(fc.boolean(), wrong)
    case 'JSON':
      return fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.array(smallObject, { maxLength: 4 }), wrong)
    case 'DateTime':
      return fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), wrong)
    default:
      return fc.oneof({ weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) }, { weight: 1, arbitrary: wrong })
  }
}

/** Variables for one operation: each argument fuzzed, or (often) the caller's own id so deeper checks are reached. */
export function fuzzVariables(schema: Schema, op: Operation, own: (argName: string) => string | number | undefined): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record(
      Object.fromEntries(
        op.args.map((a) => {
          const mine = own(a.name)
          const fuzz = fuzzValue(schema, a.type)
          return [a.name, mine === undefined ? fuzz : fc.oneof({ weight: 2, arbitrary: fc.constant(mine) }, { weight: 1, arbitrary: fuzz })]
        }),
      ),
      { requiredKeys: [] },
    )
    .map((v) => keepOnLoopback(v) as Record<string, unknown>)
}
