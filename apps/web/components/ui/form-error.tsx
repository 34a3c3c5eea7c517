import type { ApiError } from '../../lib/graphql/result'

/** The error of a form as a whole; field issues are listed when no field shows them itself. */
export function FormError({ error, id }: { error: ApiError | null; id?: string }) {
  if (!error) return null
  return (
    <div id={id} className="form-error" role="alert">
      {error.message}
      {error.issues && error.issues.length > 0 && (
        <ul style={{ margin: '0.25rem 0 0', paddingLeft: '1.1rem' }}>
          {error.issues.map((i, n) => (
            <li key={n}>
              {i.path.join('.')}: {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
