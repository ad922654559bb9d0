import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { dualStack } from '../helpers';
import { TestClient } from '../lsp/client';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const GUARD = path.join(ROOT, 'test', 'security', 'guard.cjs');
const URI = 'file:///ws/guarded.yaml';

describe('security: no network access and no child processes', function () {
  this.timeout(20000);

  it('the guard itself trips on a forbidden call (so the tests below can fail)', () => {
    const r = spawnSync(process.execPath, ['--require', GUARD, '-e', "require('child_process').execSync('true')"], { encoding: 'utf8' });
    assert.strictEqual(r.status, 97);
    assert.match(r.stderr, /FORBIDDEN: child_process\.execSync/);
    const n = spawnSync(process.execPath, ['--require', GUARD, '-e', "require('net').connect(80, '127.0.0.1')"], { encoding: 'utf8' });
    assert.strictEqual(n.status, 97);
  });

  it('the CLI lints, reads configs and walks directories without them', () => {
    const r = spawnSync(process.execPath, ['--require', GUARD, path.join(ROOT, 'dist', 'cli.js'), '--format', 'json', 'examples'], { cwd: ROOT, encoding: 'utf8' });
    assert.doesNotMatch(r.stderr, /FORBIDDEN/);
    assert.strictEqual(r.status, 1);
    assert.ok(JSON.parse(r.stdout).length > 0);
  });

  it('the language server serves a whole session without them', async () => {
    const client = new TestClient(['--stdio'], ['--require', GUARD]);
    try {
      await client.initialize({}, { workspace: { configuration: true } });
      const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]);
      const opened = client.nextDiagnostics(URI);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text } });
      assert.strictEqual((await opened).diagnostics.length, 1);
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 26, character: 18 } });
      const actions = await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: URI },
        range: { start: { line: 27, character: 18 }, end: { line: 27, character: 18 } },
        context: { diagnostics: [] },
      });
      assert.deepStrictEqual((actions as { title: string }[]).map((a) => a.title), ['Set vip_cidr to "32,128"', 'Disable vip-prefix-list for this line', 'Disable vip-prefix-list for the entire file']);
    } finally {
      await client.shutdown();
    }
    assert.doesNotMatch(client.logs.join(''), /FORBIDDEN/);
  });
});
