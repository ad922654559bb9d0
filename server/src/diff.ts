/**
 * A unified diff of two versions of a file, for `--fix-dry-run`. Fixes change a few lines here and
 * there, so a greedy walk that resynchronises on the next equal line (looking ahead a bounded distance)
 * finds the same hunks as a full LCS would, in linear time.
 */
const CONTEXT = 3;
const LOOKAHEAD = 200;

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function ops(a: readonly string[], b: readonly string[]): Op[] {
  const out: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ kind: ' ', line: a[i], a: i++, b: j++ });
      continue;
    }
    // The nearest pair of equal lines ahead: drop what comes before it in a, add what comes before it in b.
    let best: [number, number] | undefined;
    for (let d = 1; d <= LOOKAHEAD && !best; d++) {
      for (let x = 0; x <= d; x++) {
        const [ii, jj] = [i + x, j + d - x];
        if (ii < a.length && jj < b.length && a[ii] === b[jj]) {
          best = [ii, jj];
          break;
        }
      }
    }
    const [toA, toB] = best ?? [a.length, b.length];
    while (i < toA) out.push({ kind: '-', line: a[i], a: i++, b: j });
    while (j < toB) out.push({ kind: '+', line: b[j], a: i, b: j++ });
  }
  return out;
}

/**
 * `--- a/file`, `+++ b/file` (an absolute path as it is: `--- /tmp/f.yaml`, which `patch -p0` reads) and
 * @@ hunks with three lines of context; empty when nothing changed.
 */
export function unifiedDiff(before: string, after: string, file: string): string {
  if (before === after) return '';
  // Lines, without the empty string after a final line break.
  const lines = (text: string) => (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  const a = lines(before);
  const b = lines(after);
  const all = ops(a, b);
  const changed = all.map((o, k) => (o.kind === ' ' ? -1 : k)).filter((k) => k >= 0);
  let out = file.startsWith('/') ? `--- ${file}\n+++ ${file}\n` : `--- a/${file}\n+++ b/${file}\n`;
  let k = 0;
  while (k < changed.length) {
    let last = k;
    while (last + 1 < changed.length && changed[last + 1] - changed[last] <= 2 * CONTEXT + 1) last++;
    const from = Math.max(0, changed[k] - CONTEXT);
    const to = Math.min(all.length - 1, changed[last] + CONTEXT);
    const hunk = all.slice(from, to + 1);
    const aLines = hunk.filter((o) => o.kind !== '+').length;
    const bLines = hunk.filter((o) => o.kind !== '-').length;
    out += `@@ -${hunk[0].a + 1},${aLines} +${hunk[0].b + 1},${bLines} @@\n`;
    out += hunk.map((o) => `${o.kind}${o.line}\n`).join('');
    k = last + 1;
  }
  return out;
}
