// Validation of the schedule syntax the CronJob controller accepts (robfig/cron standard parser):
// five fields, or one of the @-macros. Returns the reason for the first bad field, or undefined.

const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

type FieldSpec = { name: string; min: number; max: number; names?: readonly string[]; question?: boolean };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: DAYS, question: true },
];

export function cronScheduleProblem(schedule: string): string | undefined {
  const trimmed = schedule.trim();
  if (/^(CRON_)?TZ=/.test(trimmed)) return 'must not set a time zone inside the schedule; use timeZone';
  if (trimmed.startsWith('@')) {
    return MACROS.has(trimmed) ? undefined : `unknown macro "${trimmed}"; use one of ${[...MACROS].join(', ')}`;
  }
  const parts = trimmed.split(/\s+/);
  if (parts.length !== 5) {
    return `must have 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`;
  }
  for (const [index, spec] of FIELDS.entries()) {
    const problem = fieldProblem(parts[index] ?? '', spec);
    if (problem) return `${spec.name} field "${parts[index]}": ${problem}`;
  }
  return undefined;
}

function fieldProblem(field: string, spec: FieldSpec): string | undefined {
  for (const item of field.split(',')) {
    const problem = itemProblem(item, spec);
    if (problem) return problem;
  }
  return undefined;
}

function itemProblem(item: string, spec: FieldSpec): string | undefined {
  const [range, step, extra] = item.split('/');
  if (extra !== undefined || range === undefined || range === '') return 'is malformed';
  if (step !== undefined && !/^\d+$/.test(step)) return `step "${step}" must be a positive integer`;
  if (step !== undefined && Number(step) === 0) return 'step must be greater than 0';
  if (range === '*' || (range === '?' && spec.question)) return undefined;
  const bounds = range.split('-');
  if (bounds.length > 2) return 'is malformed';
  const values: number[] = [];
  for (const bound of bounds) {
    const value = parseValue(bound, spec);
    if (value === undefined) return `"${bound}" is not a valid value`;
    if (value < spec.min || value > spec.max) return `${value} is out of range ${spec.min}-${spec.max}`;
    values.push(value);
  }
  const [low, high] = values;
  if (high !== undefined && low !== undefined && high < low) return `range ${low}-${high} is reversed`;
  return undefined;
}

function parseValue(token: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  if (index < 0) return undefined;
  return spec.name === 'month' ? index + 1 : index;
}
