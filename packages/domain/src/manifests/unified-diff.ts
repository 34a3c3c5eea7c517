// Line diff (Myers' O(ND) algorithm) and unified-diff formatting, as `diff -u` prints it.

export type LineOp = { op: 'equal' | 'delete' | 'insert'; line: string };

export function diffLines(a: readonly string[], b: readonly string[]): LineOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  const choose = (vs: Int32Array, k: number, d: number) => (k === -d || (k !== d && (vs[offset + k - 1] ?? 0) < (vs[offset + k + 1] ?? 0)) ? k + 1 : k - 1);

  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const from = choose(v, k, d);
      let x = from === k + 1 ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }

  const ops: LineOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const vs = trace[d] as Int32Array;
    const k = x - y;
    const prevK = d === 0 ? 0 : choose(vs, k, d);
    const prevX = d === 0 ? 0 : (vs[offset + prevK] ?? 0);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ op: 'equal', line: a[x - 1] as string });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) ops.push({ op: 'insert', line: b[prevY] as string });
      else ops.push({ op: 'delete', line: a[prevX] as string });
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A unified diff of two texts with `context` lines around each change; '' when they are equal. */
export function unifiedDiff(oldText: string, newText: string, labels: { old: string; new: string }, context = 3): string {
  // An added or removed object (one side empty) is one hunk of all its lines: no search needed.
  if ((oldText === '') !== (newText === '')) return wholeText(oldText === '' ? '+' : '-', splitLines(oldText || newText), labels);
  return formatUnified(diffLines(splitLines(oldText), splitLines(newText)), labels, context);
}

/** An edit script as `diff -u` prints it; '' when nothing changed. */
export function formatUnified(ops: readonly LineOp[], labels: { old: string; new: string }, context = 3): string {
  if (ops.every((o) => o.op === 'equal')) return '';

  // Positions of each op in both files, then hunks around runs of changes.
  const rows: (LineOp & { a: number; b: number })[] = [];
  let a = 0;
  let b = 0;
  for (const op of ops) {
    rows.push({ ...op, a, b });
    if (op.op !== 'insert') a++;
    if (op.op !== 'delete') b++;
  }

  const out = [`--- ${labels.old}`, `+++ ${labels.new}`];
  let i = 0;
  while (i < rows.length) {
    if (rows[i]?.op === 'equal') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2×context equal lines.
    for (let j = i; j < rows.length; j++) {
      if (rows[j]?.op !== 'equal') end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(rows.length, end + context + 1);
    const hunk = rows.slice(start, stop);
    const aLines = hunk.filter((r) => r.op !== 'insert').length;
    const bLines = hunk.filter((r) => r.op !== 'delete').length;
    const first = hunk[0] as { a: number; b: number };
    const range = (startIndex: number, count: number) => `${count === 0 ? startIndex : startIndex + 1},${count}`;
    out.push(`@@ -${range(first.a, aLines)} +${range(first.b, bLines)} @@`);
    for (const row of hunk) out.push(`${row.op === 'equal' ? ' ' : row.op === 'delete' ? '-' : '+'}${row.line}`);
    i = stop;
  }
  return `${out.join('\n')}\n`;
}

function wholeText(sign: '+' | '-', lines: string[], labels: { old: string; new: string }): string {
  const range = sign === '+' ? `-0,0 +1,${lines.length}` : `-1,${lines.length} +0,0`;
  return `--- ${labels.old}\n+++ ${labels.new}\n@@ ${range} @@\n${lines.map((l) => sign + l).join('\n')}\n`;
}
