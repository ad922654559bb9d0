import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES as RULES } from '../../server/src/core';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');

/** `TAG:path:line` or `TAG:path:line-line`, e.g. v0.8.9:pkg/cluster/service.go:56-70. */
export const CITATION = /\bv\d+\.\d+\.\d+(?:-rc\.\d+)?:[\w./-]+\.\w+:\d+(?:-\d+)?/;

/** Rows of the "## Evidence" table: message id -> source cells. */
export function evidenceRows(docs: string): Map<string, string[]> {
  const section = /^## Evidence\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(docs)?.[1] ?? '';
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const id = /^`([a-zA-Z0-9]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!id || cells.length < 6) continue;
    rows.set(id, [...(rows.get(id) ?? []), cells[cells.length - 2]]);
  }
  return rows;
}

describe('every message variant has evidence', () => {
  for (const rule of RULES) {
    it(`${rule.id}: each message id has an evidence row citing TAG:path:line, and each row names a message id`, () => {
      const rows = evidenceRows(read(`docs/rules/${rule.id}.md`));
      const ids = Object.keys(rule.messages);
      assert.ok(ids.length > 0, 'the rule declares its messages');
      for (const id of ids) {
        assert.match(id, /^[a-z][a-zA-Z0-9]*$/, `message id ${id} is camelCase`);
        assert.ok(rows.has(id), `docs/rules/${rule.id}.md has no evidence row for message ${id}`);
      }
      for (const [id, sources] of rows) {
        assert.ok(ids.includes(id), `evidence row ${id} names no message of the rule`);
        for (const source of sources) assert.match(source, CITATION, `evidence row ${id} cites the kube-vip source as TAG:path:line`);
      }
    });
  }
});

describe('every rule is complete', () => {
  const readme = read('README.md');
  for (const rule of RULES) {
    it(`${rule.id}: module, docs page, README row`, () => {
      assert.match(rule.id, /^[a-z]+(-[a-z0-9]+)*$/);
      assert.ok(fs.existsSync(path.join(ROOT, 'server', 'src', 'core', 'rules', `${rule.id}.ts`)), 'module named after the id');
      const docs = read(`docs/rules/${rule.id}.md`);
      assert.ok(docs.startsWith(`# ${rule.id}\n`), 'docs title is the id');
      assert.match(docs, /evidence/i, 'cites evidence');
      assert.ok((docs.match(/```yaml/g) ?? []).length >= 2, 'a wrong and a right example');
      assert.ok(readme.includes(`[${rule.id}](docs/rules/${rule.id}.md)`), 'listed in the README');
    });
  }
  it('rule ids are unique', () => {
    assert.strictEqual(new Set(RULES.map((r) => r.id)).size, RULES.length);
  });
});
