import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../server/src/core';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');

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
