'use client'

import type { LinkedFieldNote } from '@kubeorch/domain'
import { createContext, useContext, useState, type ReactNode } from 'react'
import { getIn, humanize, initialValue, pathKey, setIn, type JsonSchema, type Path } from './kind-json-schema'

type FormContext = {
  idPrefix: string
  readOnly: boolean
  /** Messages by field path (`ports.0.containerPort`), from the domain's validateGraph. */
  errors: Map<string, string[]>
  /** Paths whose values are write-only (secret values): shown as password inputs. */
  secretPaths: (path: Path) => boolean
  root: Record<string, unknown>
  /** What edges do to fields, by path (describeLinks): the value they fill in, or that they override it. */
  notes: Record<string, LinkedFieldNote>
  /** Values offered for a text field, by path (an image field on the sandbox: its failure images). */
  suggestions?: Record<string, { value: string; label: string }[]>
  onChange(path: Path, value: unknown): void
}
const Ctx = createContext<FormContext | null>(null)
const useForm = () => useContext(Ctx)!

/** A form for one node's data, built from its kind's schema; errors are shown beside their field. */
export function SchemaForm(props: Omit<FormContext, 'onChange'> & { schema: JsonSchema; onChange(data: Record<string, unknown>, field: string): void }) {
  const { schema, onChange, ...rest } = props
  const ctx: FormContext = {
    ...rest,
    onChange: (path, value) => onChange(setIn(props.root, path, value) as Record<string, unknown>, pathKey(path)),
  }
  return (
    <Ctx.Provider value={ctx}>
      <ObjectFields schema={schema} path={[]} />
    </Ctx.Provider>
  )
}

function ObjectFields({ schema, path }: { schema: JsonSchema; path: Path }) {
  const form = useForm()
  // One way to say each thing: a deprecated alias shows only on data that still uses it.
  const entries = Object.entries(schema.properties ?? {}).filter(
    ([key, s]) => !key.startsWith('_') && (!s.deprecated || getIn(form.root, [...path, key]) !== undefined),
  )
  // Simple fields first, then the nested groups, each in schema order.
  const simple = entries.filter(([, s]) => !isGroup(s))
  const groups = entries.filter(([, s]) => isGroup(s))
  return (
    <>
      {[...simple, ...groups].map(([key, s]) => (
        <Field key={key} name={key} schema={s} path={[...path, key]} required={schema.required?.includes(key) ?? false} />
      ))}
    </>
  )
}

function isGroup(s: JsonSchema): boolean {
  return (s.type === 'object' && !!s.properties) || (s.type === 'array' && s.items?.type === 'object') || isRecord(s)
}
function isRecord(s: JsonSchema): boolean {
  return s.type === 'object' && !s.properties && typeof s.additionalProperties === 'object'
}

function Field({ name, schema, path, required }: { name: string; schema: JsonSchema; path: Path; required: boolean }) {
  const form = useForm()
  const id = `${form.idPrefix}-${pathKey(path)}`
  const errors = form.errors.get(pathKey(path))
  const value = getIn(form.root, path)
  const label = humanize(name)
  const note = form.notes[pathKey(path)]
  const errorId = errors ? `${id}-error` : undefined
  const noteId = note ? `${id}-note` : undefined
  const common = {
    id,
    disabled: form.readOnly || note?.overridden === true,
    'aria-invalid': errors ? true : undefined,
    'aria-describedby': [errorId, noteId].filter(Boolean).join(' ') || undefined,
    'aria-required': required || undefined,
  }
  const set = (v: unknown) => form.onChange(path, v)
  const errorText = errors && (
    <span id={errorId} className="field-error">
      {errors.join('; ')}
    </span>
  )
  const placeholder = note?.placeholder ?? (schema.default !== undefined && typeof schema.default !== 'object' ? `default: ${String(schema.default)}` : undefined)
  const noteText = (note || schema.deprecated) && (
    <span id={noteId ?? `${id}-note`} className="field-hint linked-note">
      {note?.hint ?? schema.description}
    </span>
  )

  // Nested object: a collapsible group.
  if (schema.type === 'object' && schema.properties) {
    return (
      <Group label={label} errors={errorText} open={value !== undefined}>
        <ObjectFields schema={schema} path={path} />
        {!required && value !== undefined && !form.readOnly && (
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => set(undefined)}>
            Clear {label.toLowerCase()}
          </button>
        )}
      </Group>
    )
  }
  if (isRecord(schema)) return <RecordField label={label} path={path} id={id} errors={errorText} />
  if (schema.type === 'array' && schema.items?.type === 'object') {
    return <ListField label={label} schema={schema} path={path} errors={errorText} />
  }

  let input: ReactNode
  if (schema.type === 'array' && schema.items?.enum) {
    const chosen = Array.isArray(value) ? (value as unknown[]) : ((schema.default as unknown[]) ?? [])
    return (
      <fieldset className="field checkbox-group" aria-describedby={errorId}>
        <legend>{label}</legend>
        {schema.items.enum.map((option) => (
          <label key={String(option)} className="checkbox">
            <input
              type="checkbox"
              disabled={form.readOnly}
              checked={chosen.includes(option)}
              onChange={(e) => set(e.target.checked ? [...chosen, option] : chosen.filter((o) => o !== option))}
            />
            {String(option)}
          </label>
        ))}
        {errorText}
      </fieldset>
    )
  } else if (schema.type === 'array') {
    const lines = Array.isArray(value) ? (value as unknown[]).map(String).join('\n') : ''
    input = (
      <textarea
        {...common}
        rows={Math.min(6, Math.max(2, lines.split('\n').length))}
        value={lines}
        placeholder="One per line"
        onChange={(e) => set(e.target.value === '' ? (schema.default !== undefined ? [] : undefined) : e.target.value.split('\n'))}
      />
    )
  } else if (schema.enum) {
    input = (
      <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}>
        {(!required || value === undefined) && <option value="">{placeholder ?? '—'}</option>}
        {schema.enum.map((o) => (
          <option key={String(o)} value={String(o)}>
            {String(o)}
          </option>
        ))}
      </select>
    )
  } else if (schema.type === 'boolean') {
    return (
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" {...common} checked={value === true} onChange={(e) => set(e.target.checked)} />
          {label}
        </label>
        {errorText}
      </div>
    )
  } else if (schema.type === 'integer' || schema.type === 'number') {
    input = (
      <input
        {...common}
        type="number"
        inputMode="numeric"
        step={schema.type === 'integer' ? 1 : 'any'}
        min={schema.minimum}
        max={schema.maximum !== undefined && schema.maximum < 1e15 ? schema.maximum : undefined}
        placeholder={placeholder}
        value={typeof value === 'number' ? value : value === undefined ? '' : String(value)}
        onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    )
  } else if (schema.anyOf) {
    // A port: a number or a named port.
    input = (
      <input
        {...common}
        placeholder={placeholder ?? 'number or name'}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => set(e.target.value === '' ? undefined : /^\d+$/.test(e.target.value) ? Number(e.target.value) : e.target.value)}
      />
    )
  } else {
    const secret = form.secretPaths(path)
    const offered = form.suggestions?.[pathKey(path)]
    input = (
      <>
      {offered && (
        <datalist id={`${id}-suggestions`}>
          {offered.map((o) => (
            <option key={o.value} value={o.value} label={o.label} />
          ))}
        </datalist>
      )}
      <input
        {...common}
        list={offered ? `${id}-suggestions` : undefined}
        type={secret ? 'password' : 'text'}
        autoComplete={secret ? 'new-password' : 'off'}
        placeholder={secret ? 'write-only: leave empty to keep' : placeholder}
        value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
        onChange={(e) => set(e.target.value === '' && !required ? undefined : e.target.value)}
      />
      </>
    )
  }

  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden> *</span>}
      </label>
      {input}
      {noteText}
      {errorText}
    </div>
  )
}

function Group({ label, errors, open, children }: { label: string; errors: ReactNode; open: boolean; children: ReactNode }) {
  const [isOpen, setOpen] = useState(open)
  return (
    <details className="form-group" open={isOpen || !!errors} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{label}</summary>
      {errors}
      <div className="form-group-body">{children}</div>
    </details>
  )
}

function ListField({ label, schema, path, errors }: { label: string; schema: JsonSchema; path: Path; errors: ReactNode }) {
  const form = useForm()
  const value = getIn(form.root, path)
  const items = Array.isArray(value) ? value : []
  const item = schema.items!
  const singular = label.replace(/s$/, '').toLowerCase()
  return (
    <Group label={`${label} (${items.length})`} errors={errors} open={items.length > 0}>
      {items.map((_, i) => (
        <fieldset key={i} className="list-item">
          <legend>
            {humanize(singular)} {i + 1}
          </legend>
          {form.notes[pathKey([...path, i])] && <p className="field-hint linked-note">{form.notes[pathKey([...path, i])]!.hint}</p>}
          <ObjectFields schema={item} path={[...path, i]} />
          {!form.readOnly && (
            <button
              type="button"
              className="btn btn-sm btn-danger"
              onClick={() => form.onChange(path, items.filter((__, j) => j !== i))}
              aria-label={`Remove ${singular} ${i + 1}`}
            >
              Remove
            </button>
          )}
        </fieldset>
      ))}
      {!form.readOnly && (schema.maxItems === undefined || items.length < schema.maxItems) && (
        <button type="button" className="btn btn-sm" onClick={() => form.onChange(path, [...items, initialValue(item)])}>
          Add {singular}
        </button>
      )}
    </Group>
  )
}

function RecordField({ label, path, id, errors }: { label: string; path: Path; id: string; errors: ReactNode }) {
  const form = useForm()
  const value = getIn(form.root, path)
  const entries = value && typeof value === 'object' ? Object.entries(value as Record<string, string>) : []
  const write = (next: [string, string][]) => form.onChange(path, Object.fromEntries(next))
  return (
    <Group label={`${label} (${entries.length})`} errors={errors} open={entries.length > 0}>
      {entries.map(([k, v], i) => {
        const keyErrors = form.errors.get(pathKey([...path, k]))
        return (
          <div key={i} className="kv-row">
            <input
              aria-label={`${label} key ${i + 1}`}
              id={`${id}-k${i}`}
              disabled={form.readOnly}
              value={k}
              aria-invalid={keyErrors ? true : undefined}
              onChange={(e) => write(entries.map((en, j) => (j === i ? [e.target.value, en[1]] : en)))}
            />
            <input
              aria-label={`${label} value ${i + 1}`}
              disabled={form.readOnly}
              value={v}
              onChange={(e) => write(entries.map((en, j) => (j === i ? [en[0], e.target.value] : en)))}
            />
            {!form.readOnly && (
              <button type="button" className="btn btn-sm btn-ghost" aria-label={`Remove ${k || `entry ${i + 1}`}`} onClick={() => write(entries.filter((_, j) => j !== i))}>
                ×
              </button>
            )}
            {keyErrors && <span className="field-error kv-error">{keyErrors.join('; ')}</span>}
          </div>
        )
      })}
      {!form.readOnly && (
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => {
            let n = entries.length + 1
            while (entries.some(([k]) => k === `key${n}`)) n++
            write([...entries, [`key${n}`, '']])
          }}
        >
          Add entry
        </button>
      )}
    </Group>
  )
}
