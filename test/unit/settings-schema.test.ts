/** The settings schema VS Code shows (package.json) knows every rule id and the version format the core reads (issue 10). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES, CONFIGURABLE_ENGINE_IDS, normalizeSettings } from '../../server/src/core';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const properties = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes.configuration.properties;

describe('settings schema (package.json)', () => {
  it('kubeVipLint.rules lists every rule of every scope and the pseudo-rules, with their descriptions, and nothing else', () => {
    const rules = properties['kubeVipLint.rules'];
    assert.deepStrictEqual(Object.keys(rules.properties).sort(), [...ALL_RULES.map((r) => r.id), ...CONFIGURABLE_ENGINE_IDS].sort());
    for (const rule of ALL_RULES) {
      assert.strictEqual(rules.properties[rule.id].description, `${rule.description} (default: ${rule.defaultSeverity})`, rule.id);
      assert.deepStrictEqual(rules.properties[rule.id].enum, ['off', 'hint', 'info', 'warning', 'error']);
    }
    assert.strictEqual(rules.additionalProperties, false);
  });
  it('the kubeVipVersion pattern accepts what the core reads as a version, and empty', () => {
    const pattern = new RegExp(properties['kubeVipLint.kubeVipVersion'].pattern);
    for (const ok of ['', 'v0.8.9', '0.8.9', 'v1.1.0-rc.0', 'v1.2']) {
      assert.ok(pattern.test(ok), ok);
      assert.deepStrictEqual(normalizeSettings({ kubeVipVersion: ok }).problems, [], ok);
    }
    for (const bad of ['latest', 'v1', 'eight']) {
      assert.ok(!pattern.test(bad), bad);
      assert.notDeepStrictEqual(normalizeSettings({ kubeVipVersion: bad }).problems, [], bad);
    }
  });
});
