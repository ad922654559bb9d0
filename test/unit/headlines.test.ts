/**
 * Every message variant leads with a headline that fits where one line is read (the Problems panel, CLI
 * text, Neovim's virtual text): the problem, what kube-vip does and the fix, within HEADLINE_LIMIT
 * characters. The rest goes in the detail, which hovers, JSON, SARIF and annotations show.
 *
 * test/fixtures/messages/<rule>/<messageId>.yaml (or .md, or a folder of files for the cross-file rules)
 * holds one input per variant; settings.json there gives the few that need settings.
 * `node scripts/messages.mjs [rule…]` prints every variant as a user reads it.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES, ENGINE_RULES, HEADLINE_LIMIT, lintFiles } from '../../server/src/core';
import type { FileInput, Finding, Settings } from '../../server/src/core';

const ROOT = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'messages');

/** Every message variant: the rules' and the engine's (not-checked, disable-directive, file-too-large). */
const declared = [...ALL_RULES, ...ENGINE_RULES].flatMap((rule) => Object.keys(rule.messages).map((id) => `${rule.id}/${id}`));

const settingsOf: Record<string, Settings> = JSON.parse(fs.readFileSync(path.join(ROOT, 'settings.json'), 'utf8'));

/** The fixture files of a variant, as lintFiles inputs with uris under file:///ws/. */
function inputsOf(variant: string): FileInput[] | undefined {
  const [rule, id] = variant.split('/');
  const dir = path.join(ROOT, rule);
  const settings = settingsOf[variant] ?? {};
  for (const ext of ['yaml', 'md']) {
    const file = path.join(dir, `${id}.${ext}`);
    if (fs.existsSync(file)) return [{ uri: `file:///ws/${id}.${ext}`, text: fs.readFileSync(file, 'utf8'), settings: ext === 'md' ? { ...settings, format: 'markdown' } : settings }];
  }
  if (!fs.existsSync(path.join(dir, id))) return undefined;
  const files: FileInput[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else files.push({ uri: `file:///ws/${path.relative(path.join(dir, id), full).split(path.sep).join('/')}`, text: fs.readFileSync(full, 'utf8'), settings });
    }
  };
  walk(path.join(dir, id));
  return files;
}

describe('message headlines', () => {
  it('every message variant has a fixture, and every fixture names a variant', () => {
    const missing = declared.filter((v) => !inputsOf(v));
    assert.deepStrictEqual(missing, [], 'variants without a fixture in test/fixtures/messages');
    const fixtures = fs
      .readdirSync(ROOT, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .flatMap((e) => fs.readdirSync(path.join(ROOT, e.name)).map((f) => `${e.name}/${f.replace(/\.(yaml|md)$/, '')}`));
    assert.deepStrictEqual(fixtures.filter((f) => !declared.includes(f)), [], 'fixtures that name no variant');
  });

  for (const variant of declared) {
    it(`${variant}: a headline of at most ${HEADLINE_LIMIT} characters, one line, ending in a full stop`, function () {
      const inputs = inputsOf(variant);
      if (!inputs) this.skip(); // reported by the test above
      const [rule, id] = variant.split('/');
      const found: Finding[] = lintFiles(inputs!).flatMap((r) => r.findings.filter((f) => f.rule === rule && f.messageId === id));
      assert.ok(found.length > 0, `the fixture no longer produces ${variant}`);
      for (const f of found) {
        assert.ok(f.message.length <= HEADLINE_LIMIT, `${f.message.length} characters: ${f.message}`);
        assert.doesNotMatch(f.message, /\n/);
        assert.match(f.message, /[.!?]["”)]?$/, `the headline is whole sentences: ${f.message}`);
        if (f.detail !== undefined) {
          assert.ok(f.detail.trim().length > 0, 'a detail is not empty');
          assert.ok(!f.detail.startsWith(f.message), 'the detail does not repeat the headline');
        }
      }
    });
  }
});
