/**
 * A hostile workspace folder: the server indexes it without crashing or hanging, skips what it
 * cannot read, follows no symbolic link, and still reports the one real finding in it.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TestClient } from '../lsp/client';
import { dualStack } from '../helpers';

describe('robustness: a hostile workspace folder', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-hostile-ws-'));
    const write = (rel: string, data: string | Buffer) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), data);
    };
    write('real/kube-vip.yaml', dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]));
    write('binary.yaml', Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919) % 256)));
    write('bomb.yaml', `a: &a ["x","x","x","x","x","x","x","x"]\n${Array.from({ length: 12 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(8).fill(i ? `*l${i}` : '*a').join(',')}]`).join('\n')}\nkind: Service\nspec: {type: LoadBalancer}\n`);
    write('huge.yaml', `kind: ConfigMap\nmetadata: {name: kubevip}\ndata:\n${'  cidr-global: 10.0.0.0/8\n'.repeat(300000)}`);
    write('template.yaml', '{{- range .Values.services }}\nkind: Service\nspec:\n  type: LoadBalancer\n  loadBalancerIP: {{ .ip }}\n{{- end }}\n');
    write('unreadable.yaml', 'kind: ClusterRole\n');
    fs.chmodSync(path.join(root, 'unreadable.yaml'), 0);
    let deep = 'deep';
    for (let i = 0; i < 40; i++) deep = path.join(deep, `d${i}`);
    write(path.join(deep, 'svc.yaml'), 'kind: Service\nspec: {type: LoadBalancer, loadBalancerIP: 10.1.1.1}\n');
    fs.symlinkSync(root, path.join(root, 'loop'));
    fs.symlinkSync('/etc/passwd', path.join(root, 'passwd.yaml'));
  });
  after(async () => {
    await client?.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('indexes it, and reports the real finding (pushed, for an unopened file): the seed crash against the Service 40 folders down', async () => {
    client = new TestClient();
    const indexed = new Promise<{ files: number }>((resolve) => client.connection.onNotification('kubeVipLint/indexed', resolve));
    const real = pathToFileURL(path.join(root, 'real', 'kube-vip.yaml')).toString();
    const finding = client.nextDiagnostics(real, (p) => p.diagnostics.some((d) => d.code === 'service-prefix'), 30000);
    await client.initialize({ debounceMs: 0 }, {}, { workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'hostile' }] });
    const { files } = await indexed;
    assert.strictEqual(files, 7, 'every regular file with a YAML ending, no symbolic link');
    await finding;
    assert.ok(!client.published.some((p) => p.uri.includes('/loop/') || p.uri.endsWith('passwd.yaml')), 'symbolic links are not followed');
    // Still answering.
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: real }, position: { line: 0, character: 0 } });
    assert.strictEqual(hover, null);
    assert.ok(!client.exited);
  });
});
