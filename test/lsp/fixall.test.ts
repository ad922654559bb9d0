/** Fix-all over LSP (issue 10): source.fixAll.kube-vip-lint for codeActionsOnSave, and "Fix all <rule> problems in this file". */
import * as assert from 'assert';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { daemonSet } from '../helpers';
import { TestClient } from './client';

const URI = 'file:///ws/fixall/kube-vip.yaml';
const TEXT = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.9', [
  { name: 'vip_arp', raw: '"yes"' },
  { name: 'cp_enable', raw: '"on" # control plane' },
  { name: 'svc_enable', raw: '"true"' },
  { name: 'address', raw: '192.168.0.40' },
  { name: 'vip_cidr', raw: '"128"' },
]);
const FIXED = TEXT.replace('"yes"', '"true"').replace('"on" # control plane', '"true" # control plane').replace('"128"', '"32,128"');

function applied(text: string, action: CodeAction): string {
  const doc = TextDocument.create(URI, 'yaml', 1, text);
  return TextDocument.applyEdits(doc, action.edit!.changes![URI] as TextEdit[]);
}

describe('LSP: fix-all', function () {
  this.timeout(20000);
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    const result = await client.initialize({ debounceMs: 0 });
    assert.ok(result.capabilities.codeActionProvider.codeActionKinds.includes('source.fixAll.kube-vip-lint'));
    const opened = client.nextDiagnostics(URI);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    await opened;
  });
  after(() => client.shutdown());

  const ask = (only: string[] | undefined, line = 0, character = 0) =>
    client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: { start: { line, character }, end: { line, character } }, context: { diagnostics: [], ...(only && { only }) } }) as Promise<CodeAction[]>;

  it('source.fixAll.kube-vip-lint (and source.fixAll) apply every preferred fix, in one edit, and nothing else', async () => {
    for (const only of [['source.fixAll.kube-vip-lint'], ['source.fixAll'], ['source']]) {
      const actions = await ask(only);
      assert.deepStrictEqual(actions.map((a) => [a.title, a.kind]), [['Fix all kube-vip-lint problems', 'source.fixAll.kube-vip-lint']], JSON.stringify(only));
      assert.strictEqual(applied(TEXT, actions[0]), FIXED);
    }
  });

  it('is not offered among the quick fixes, nor for other kinds', async () => {
    assert.deepStrictEqual(await ask(['source.organizeImports']), []);
    assert.ok(!(await ask(['quickfix'])).some((a) => a.kind?.startsWith('source')));
  });

  it('"Fix all invalid-bool problems in this file" next to the quick fix of one of them', async () => {
    const line = TEXT.split('\n').findIndex((l) => l.includes('"yes"'));
    const actions = await ask(['quickfix'], line, TEXT.split('\n')[line].indexOf('"yes"') + 1);
    const all = actions.find((a) => a.title === 'Fix all invalid-bool problems in this file')!;
    assert.ok(all, JSON.stringify(actions.map((a) => a.title)));
    assert.strictEqual(all.kind, 'quickfix');
    assert.strictEqual(applied(TEXT, all), TEXT.replace('"yes"', '"true"').replace('"on" # control plane', '"true" # control plane'));
  });
});
