import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compose, KustomizeResolver, MAX_BYTES } from '../../server/src/kustomize';

/** Writes files under a fresh temp dir: { 'a/b.yaml': 'text' }. */
function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-kust-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const DS = 'kind: DaemonSet\n# image: ghcr.io/kube-vip/kube-vip\n';

describe('kustomize image overrides', () => {
  const roots: string[] = [];
  const make = (files: Record<string, string>) => {
    const root = tree(files);
    roots.push(root);
    return root;
  };
  after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  it('reads images: from the kustomization.yaml next to the file that lists it in resources', () => {
    const root = make({
      'app/kustomization.yaml': 'resources:\n  - rbac.yaml\n  - ./daemonset.yaml\nimages:\n  - name: ghcr.io/kube-vip/kube-vip\n    newTag: v0.8.2\n',
      'app/daemonset.yaml': DS,
      'app/other.yaml': DS,
    });
    const k = new KustomizeResolver();
    assert.deepStrictEqual(k.imageOverridesFor(path.join(root, 'app', 'daemonset.yaml')), [{ name: 'ghcr.io/kube-vip/kube-vip', newTag: 'v0.8.2' }]);
    // Not listed: kustomize never applies the entry to it.
    assert.deepStrictEqual(k.imageOverridesFor(path.join(root, 'app', 'other.yaml')), []);
  });

  it('finds kustomization.yml and Kustomization, and a parent folder that lists the file by a relative path', () => {
    const root = make({
      'a/kustomization.yml': 'resources: [ds.yaml]\nimages:\n- name: ghcr.io/kube-vip/kube-vip\n  newName: registry.local/mirror/kube-vip\n  digest: sha256:abc\n',
      'a/ds.yaml': DS,
      'b/Kustomization': 'components:\n- sub/patch.yaml\nimages:\n- {name: ghcr.io/kube-vip/kube-vip, newTag: 1.0}\n',
      'b/sub/patch.yaml': DS,
    });
    const k = new KustomizeResolver();
    assert.deepStrictEqual(k.imageOverridesFor(path.join(root, 'a', 'ds.yaml')), [
      { name: 'ghcr.io/kube-vip/kube-vip', newName: 'registry.local/mirror/kube-vip', digest: 'sha256:abc' },
    ]);
    // A number written as a tag is still a tag.
    assert.deepStrictEqual(k.imageOverridesFor(path.join(root, 'b', 'sub', 'patch.yaml')), [{ name: 'ghcr.io/kube-vip/kube-vip', newTag: '1.0' }]);
  });

  it('counts patches, patchesStrategicMerge and patchesJson6902 paths as listing the file', () => {
    const root = make({
      'k/kustomization.yaml':
        'resources: [base.yaml]\npatches:\n- path: p1.yaml\n- patch: |-\n    - op: add\npatchesStrategicMerge:\n- p2.yaml\npatchesJson6902:\n- path: p3.yaml\n  target: {kind: DaemonSet}\nimages:\n- name: ghcr.io/kube-vip/kube-vip\n  newTag: v0.9.1\n',
      'k/p1.yaml': DS,
      'k/p2.yaml': DS,
      'k/p3.yaml': DS,
    });
    const k = new KustomizeResolver();
    for (const f of ['p1.yaml', 'p2.yaml', 'p3.yaml']) {
      assert.deepStrictEqual(k.imageOverridesFor(path.join(root, 'k', f)), [{ name: 'ghcr.io/kube-vip/kube-vip', newTag: 'v0.9.1' }], f);
    }
  });

  it('applies an overlay that includes the folder on top, as kustomize build does', () => {
    const root = make({
      'base/kustomization.yaml': 'resources: [ds.yaml]\nimages:\n- name: ghcr.io/kube-vip/kube-vip\n  newName: mirror.local/kube-vip\n  newTag: v0.8.2\n',
      'base/ds.yaml': DS,
      'kustomization.yaml': 'resources:\n- base\n- ./extra/\nimages:\n- name: mirror.local/kube-vip\n  newTag: v0.9.0\n- name: busybox\n  newTag: "1.36"\n',
    });
    const k = new KustomizeResolver();
    assert.deepStrictEqual(k.imageOverridesFor(path.join(root, 'base', 'ds.yaml')), [
      { name: 'ghcr.io/kube-vip/kube-vip', newName: 'mirror.local/kube-vip', newTag: 'v0.9.0' },
      { name: 'busybox', newTag: '1.36' },
    ]);
  });

  it('composes inner and outer entries: outer fields win, unrelated outer entries follow', () => {
    assert.deepStrictEqual(compose([{ name: 'a', newTag: 'v1' }], [{ name: 'a', digest: 'sha256:1' }, { name: 'b', newTag: 'v2' }]), [
      { name: 'a', newTag: 'v1', digest: 'sha256:1' },
      { name: 'b', newTag: 'v2' },
    ]);
    assert.deepStrictEqual(compose([], [{ name: 'a', newTag: 'v1' }]), [{ name: 'a', newTag: 'v1' }]);
  });

  it('ignores malformed, oversized and symlinked kustomizations, remote resources and entries without a change', () => {
    const root = make({
      'bad/kustomization.yaml': 'resources: [ds.yaml\nimages: {{',
      'bad/ds.yaml': DS,
      'big/kustomization.yaml': `resources: [ds.yaml]\nimages:\n- name: ghcr.io/kube-vip/kube-vip\n  newTag: v0.8.2\n#${'x'.repeat(MAX_BYTES)}\n`,
      'big/ds.yaml': DS,
      'outside/kustomization.yaml': 'resources: [../linked/ds.yaml]\nimages:\n- name: ghcr.io/kube-vip/kube-vip\n  newTag: v0.8.2\n',
      'linked/ds.yaml': DS,
      'remote/kustomization.yaml': 'resources:\n- https://github.com/x/y//ds.yaml?ref=v1\n- ds.yaml\nimages:\n- name: ghcr.io/kube-vip/kube-vip\n- newTag: v1\n- name: ghcr.io/kube-vip/kube-vip\n  newTag: v0.8.4\n',
      'remote/ds.yaml': DS,
    });
    fs.symlinkSync(path.join(root, 'outside', 'kustomization.yaml'), path.join(root, 'linked', 'kustomization.yaml'));
    const k = new KustomizeResolver();
    assert.deepStrictEqual(k.imageOverridesFor(path.join(root, 'bad', 'ds.yaml')), []);
    assert.deepStrictEqual(k.imageOverridesFor(path.join(root, 'big', 'ds.yaml')), []);
    // linked/kustomization.yaml is a symbolic link: not followed (and the real one is not in an ancestor folder).
    assert.deepStrictEqual(k.imageOverridesFor(path.join(root, 'linked', 'ds.yaml')), []);
    assert.deepStrictEqual(k.imageOverridesFor(path.join(root, 'remote', 'ds.yaml')), [{ name: 'ghcr.io/kube-vip/kube-vip', newTag: 'v0.8.4' }]);
    assert.deepStrictEqual(k.imageOverridesFor(path.join(root, 'nowhere', 'ds.yaml')), []);
  });

  it('rereads a kustomization when it changes (cache by path and mtime), and sees one appear', () => {
    const root = make({ 'app/ds.yaml': DS });
    const k = new KustomizeResolver();
    const file = path.join(root, 'app', 'ds.yaml');
    const kfile = path.join(root, 'app', 'kustomization.yaml');
    assert.deepStrictEqual(k.imageOverridesFor(file), []);
    fs.writeFileSync(kfile, 'resources: [ds.yaml]\nimages:\n- name: ghcr.io/kube-vip/kube-vip\n  newTag: v0.8.2\n');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.dirname(kfile), later, later); // coarse file systems: make the folder's mtime move
    assert.deepStrictEqual(k.imageOverridesFor(file), [{ name: 'ghcr.io/kube-vip/kube-vip', newTag: 'v0.8.2' }]);
    fs.writeFileSync(kfile, 'resources: [ds.yaml]\nimages:\n- name: ghcr.io/kube-vip/kube-vip\n  newTag: v0.9.10\n');
    const evenLater = new Date(Date.now() + 10000);
    fs.utimesSync(kfile, evenLater, evenLater);
    assert.deepStrictEqual(k.imageOverridesFor(file), [{ name: 'ghcr.io/kube-vip/kube-vip', newTag: 'v0.9.10' }]);
  });
});
