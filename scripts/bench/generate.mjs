// Deterministic generator of realistic multi-document Kubernetes manifests for the benchmark.
// Same seed and size → byte-identical text, so runs on different machines or commits compare.
// Usage (e.g. to profile on a saved file): node scripts/bench/generate.mjs 50000 > /tmp/50k.yaml
import { mkdirSync, writeFileSync } from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';

/** mulberry32: a tiny seeded PRNG; Math.random would make every run lint a different text. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: (list) => list[int(0, list.length - 1)], chance: (p) => next() < p };
}

const APPS = ['checkout', 'cart', 'payments', 'search', 'catalog', 'auth', 'gateway', 'billing', 'orders', 'metrics', 'inventory', 'mailer'];
const NAMESPACES = ['default', 'shop', 'platform', 'monitoring', 'ingress', 'data'];
const REGISTRIES = ['ghcr.io/acme', 'registry.example.com/team', 'docker.io/library', 'quay.io/acme'];
const INTERFACES = ['eth0', 'ens192', 'enp1s0', 'bond0'];
const KUBE_VIP_REPOSITORIES = ['ghcr.io/kube-vip/kube-vip', 'ghcr.io/kube-vip/kube-vip-iptables', 'docker.io/plndr/kube-vip', 'mirror.example.com/kube-vip/kube-vip'];

/** The lines of a template literal that starts with a newline. */
const block = (text) => text.slice(1).split('\n');

/**
 * kube-vip configurations, broken and correct, as people write them: `prefix` is the
 * vip_cidr/vip_subnet entry, `comment` a YAML comment after it; the trailing comments say what
 * the linter should conclude.
 */
const KUBE_VIP_CONFIGS = [
  { tag: 'v0.8.9', prefix: ['vip_cidr', '"128"'], comment: 'IPv6 only, we thought' }, // broken: positional list
  { tag: 'v0.8.9', prefix: ['vip_cidr', '"32,128"'] }, // correct dual stack
  { tag: 'v1.2.3', prefix: ['vip_subnet', '"32,128"'] }, // correct dual stack
  { tag: 'v0.9.2', prefix: ['vip_cidr', '"24"'], comment: 'not renamed after the upgrade' }, // broken: vip_cidr on v0.9+
  { tag: 'v0.9.1', prefix: ['vip_cidr', '"32"'] }, // broken: vip_cidr on v0.9+
  { tag: 'v1.2.3', prefix: ['vip_subnet', '"128,32"'] }, // broken: reversed
  { tag: 'v1.1.0', prefix: ['vip_subnet', '"32, 128"'] }, // broken: space
  { tag: 'v0.8.7', prefix: ['vip_cidr', '"32"'] }, // correct single stack
  { tag: 'latest', prefix: ['vip_subnet', '"32,128"'] }, // correct, version from settings
];

function deployment(r, i) {
  const app = r.pick(APPS);
  const ns = r.pick(NAMESPACES);
  // The kube-vip cloud provider names a kube-vip image but is no kube-vip container: the core's
  // cheap pre-filter lets it through, so it is parsed and then found to hold nothing.
  const image = r.chance(0.05) ? `ghcr.io/kube-vip/kube-vip-cloud-provider:v0.0.${r.int(9, 12)}` : `${r.pick(REGISTRIES)}/${app}:1.${r.int(0, 30)}.${r.int(0, 9)}`;
  const l = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${app}-${i}`,
    `  namespace: ${ns}`,
    '  labels:',
    `    app.kubernetes.io/name: ${app}`,
    `    app.kubernetes.io/instance: ${app}-${i}`,
    '  annotations:',
    `    deployment.kubernetes.io/revision: "${r.int(1, 40)}"`,
    'spec:',
    `  replicas: ${r.int(1, 6)}`,
    '  selector:',
    '    matchLabels:',
    `      app.kubernetes.io/instance: ${app}-${i}`,
    '  strategy:',
    '    type: RollingUpdate',
    '    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}',
    '  template:',
    '    metadata:',
    '      labels:',
    `        app.kubernetes.io/instance: ${app}-${i}`,
    '    spec:',
    `      serviceAccountName: ${app}`,
    '      containers:',
    `        - name: ${app}`,
    `          image: ${image}`,
    '          imagePullPolicy: IfNotPresent',
    '          ports:',
    '            - name: http',
    `              containerPort: ${r.pick([8080, 8443, 9090, 3000])}`,
    '              protocol: TCP',
    '          env:',
  ];
  for (let e = r.int(1, 6); e > 0; e--) {
    if (r.chance(0.3)) {
      const name = `POD_${r.pick(['NAME', 'NAMESPACE', 'IP'])}`;
      l.push(`            - name: ${name}`, '              valueFrom:', '                fieldRef:', `                  fieldPath: ${r.pick(['metadata.name', 'metadata.namespace', 'status.podIP'])}`);
    } else if (r.chance(0.3)) {
      l.push(`            - {name: ${r.pick(['LOG_LEVEL', 'GOMAXPROCS', 'FEATURE_X'])}, value: "${r.int(0, 9)}"}`);
    } else {
      const name = r.pick(['DATABASE_URL', 'CACHE_TTL', 'REGION', 'OTEL_ENDPOINT']);
      l.push(`            - name: ${name}`, `              value: ${r.pick(['"postgres://db:5432/app"', '"300"', 'eu-west-1', 'http://otel:4317'])}`);
    }
  }
  l.push(
    '          resources:',
    `            requests: {cpu: ${r.int(1, 9) * 50}m, memory: ${r.int(1, 8) * 64}Mi}`,
    '            limits:',
    `              memory: ${r.int(2, 16) * 64}Mi`,
    '          readinessProbe:',
    '            httpGet: {path: /healthz, port: http}',
    `            periodSeconds: ${r.int(5, 30)}`,
  );
  if (r.chance(0.5)) l.push('          livenessProbe:', '            tcpSocket:', '              port: http', '            initialDelaySeconds: 10');
  if (r.chance(0.4)) {
    l.push('          volumeMounts:', '            - name: config', `              mountPath: /etc/${app}`, '              readOnly: true');
    l.push('      volumes:', '        - name: config', '          configMap:', `            name: ${app}-config`);
  }
  return { lines: l };
}

function service(r, i) {
  const app = r.pick(APPS);
  const family = r.pick(['IPv4', 'IPv6', 'dual']);
  const lb = r.chance(0.5);
  const v4 = `192.168.${r.int(0, 3)}.${r.int(10, 250)}`;
  const v6 = `fd00:10:96::${r.int(1, 4000).toString(16)}`;
  const l = ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${app}-${i}`, `  namespace: ${r.pick(NAMESPACES)}`];
  if (lb) l.push('  annotations:', `    kube-vip.io/loadbalancerIPs: "${family === 'IPv4' ? v4 : family === 'IPv6' ? v6 : `${v4},${v6}`}"`);
  l.push('spec:', `  type: ${lb ? 'LoadBalancer' : 'ClusterIP'}`);
  if (family === 'dual') l.push(`  ipFamilyPolicy: ${r.pick(['PreferDualStack', 'RequireDualStack'])}`, '  ipFamilies:', '    - IPv4', '    - IPv6');
  else l.push('  ipFamilyPolicy: SingleStack', `  ipFamilies: [${family}]`);
  if (lb && r.chance(0.3)) l.push('  externalTrafficPolicy: Local');
  l.push('  selector:', `    app.kubernetes.io/instance: ${app}-${i}`, '  ports:');
  for (let p = r.int(1, 3); p > 0; p--) {
    const name = `${r.pick(['http', 'https', 'grpc', 'metrics'])}-${p}`;
    l.push(`    - name: ${name}`, `      port: ${r.pick([80, 443, 8080, 9090])}`, `      targetPort: ${r.pick(['http', 8080, 9090])}`, '      protocol: TCP');
  }
  return { lines: l };
}

function configMap(r, i) {
  const app = r.pick(APPS);
  const l = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${app}-config-${i}`, `  namespace: ${r.pick(NAMESPACES)}`, 'data:'];
  // kube-vip-cloud-provider's own ConfigMap: mentions kube-vip, holds no container.
  if (r.chance(0.1)) l.push(`  cidr-global: 192.168.${r.int(0, 9)}.0/29`, `  cidr-${r.pick(NAMESPACES)}: 10.${r.int(0, 99)}.0.0/28`);
  l.push(`  LOG_LEVEL: ${r.pick(['info', 'debug', 'warn'])}`, `  TIMEOUT: "${r.int(1, 60)}s"`, '  config.yaml: |');
  for (let n = r.int(3, 40); n > 0; n--) l.push(`    ${r.pick(['server', 'cache', 'db', 'queue'])}.${r.pick(['port', 'host', 'size', 'ttl'])}: ${r.int(1, 65535)}`);
  return { lines: l };
}

/** The env list in block or flow style; returns the marks of vip_interface (name, last value char). */
function kubeVipEnv(r, l, indent, entries) {
  const flow = r.chance(0.35);
  const marks = {};
  for (const [name, value, comment] of entries) {
    const tail = comment ? ` # ${comment}` : '';
    if (value === undefined) {
      l.push(`${indent}- name: ${name}`, `${indent}  valueFrom:`, `${indent}    fieldRef:`, `${indent}      fieldPath: spec.nodeName`);
      continue;
    }
    if (flow) l.push(`${indent}- {name: ${name}, value: ${value}}${tail}`);
    else l.push(`${indent}- name: ${name}`, `${indent}  value: ${value}${tail}`);
    if (name === 'vip_interface') {
      const line = l.length - 1;
      marks.edit = [line, l[line].lastIndexOf(value) + value.length - 1];
      const nameLine = flow ? line : line - 1;
      marks.hover = [nameLine, l[nameLine].indexOf(name) + 3];
    }
  }
  return marks;
}

function kubeVip(r, i) {
  const config = r.pick(KUBE_VIP_CONFIGS);
  const image = `${r.pick(KUBE_VIP_REPOSITORIES)}:${config.tag}`;
  const address = `192.168.${r.int(0, 9)}.${r.int(2, 250)}`;
  const entries = [
    ['vip_arp', '"true"'],
    ['port', '"6443"'],
    ['vip_nodename', undefined],
    ['vip_interface', r.pick(INTERFACES)],
    [config.prefix[0], config.prefix[1], config.comment],
    ['cp_enable', '"true"'],
    ['cp_namespace', 'kube-system'],
    ['vip_leaderelection', '"true"'],
    ['vip_leaseduration', `"${r.int(5, 15)}"`],
    ['vip_renewdeadline', `"${r.int(3, 4)}"`],
    ['vip_retryperiod', '"1"'],
    ['address', address],
  ];
  if (r.chance(0.5)) entries.push(['svc_enable', '"true"'], ['svc_election', '"true"']);
  if (r.chance(0.3)) entries.push(['prometheus_server', ':2112']);
  const l = [];
  let marks;
  if (r.chance(0.5)) {
    // A DaemonSet as `kube-vip manifest daemonset` prints it, indented sequences.
    l.push(
      ...block(`
# kube-vip ${config.tag} for cluster ${i}
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-vip-ds-${i}
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: kube-vip-ds-${i}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: kube-vip-ds-${i}
    spec:
      hostNetwork: true
      serviceAccountName: kube-vip
      containers:
        - name: kube-vip
          image: ${image}
          args: ["manager"]
          env:`),
    );
    marks = kubeVipEnv(r, l, '            ', entries);
    l.push(
      ...block(`
          securityContext:
            capabilities:
              add: [NET_ADMIN, NET_RAW]`),
    );
  } else {
    // A static Pod as `kube-vip manifest pod` prints it, compact sequences.
    l.push(
      ...block(`
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  name: kube-vip-${i}
  namespace: kube-system
spec:
  containers:
  - args:
    - manager
    env:`),
    );
    marks = kubeVipEnv(r, l, '    ', entries);
    l.push(
      ...block(`
    image: ${image}
    imagePullPolicy: IfNotPresent
    name: kube-vip
    resources: {}
    securityContext:
      capabilities:
        add:
        - NET_ADMIN
        - NET_RAW
    volumeMounts:
    - mountPath: /etc/kubernetes/admin.conf
      name: kubeconfig
  hostAliases:
  - hostnames:
    - kubernetes
    ip: 127.0.0.1
  hostNetwork: true
  volumes:
  - hostPath:
      path: /etc/kubernetes/admin.conf
    name: kubeconfig
status: {}`),
    );
  }
  return { lines: l, marks }; // marks: [line, column] in `lines`
}

/**
 * A multi-document manifest of about `lines` lines (it stops at the first document boundary past
 * the target). One kube-vip workload every ~300 lines, the first one halfway into small files.
 * Returns the text and, for every kube-vip document, the offsets of a character inside the
 * vip_interface name (hover) and of the last character of its value (edits).
 */
export function generateManifest(lines, seed = 0x5eed) {
  const r = prng(seed ^ lines);
  const out = [];
  const kubeVipDocs = [];
  let offset = 0;
  let count = 0;
  let sinceKubeVip = 0;
  let nextKubeVip = Math.min(r.int(230, 290), Math.floor(lines / 2));
  let i = 0;
  for (; count < lines; i++) {
    const isKubeVip = sinceKubeVip >= nextKubeVip;
    const d = isKubeVip ? kubeVip(r, i) : r.pick([deployment, deployment, service, service, configMap])(r, i);
    const header = [];
    if (i > 0) header.push(r.chance(0.05) ? `--- # ${r.pick(APPS)}` : '---');
    if (r.chance(0.15)) header.push(`# ${r.pick(['managed by kustomize', 'do not edit', 'TODO: tune resources', 'owner: platform-team'])}`);
    const docLines = [...header, ...d.lines];
    const lineOffsets = [];
    for (const line of docLines) {
      lineOffsets.push(offset);
      offset += line.length + 1;
    }
    const at = ([line, col]) => lineOffsets[header.length + line] + col;
    if (d.marks) kubeVipDocs.push({ start: lineOffsets[0], hover: at(d.marks.hover), edit: at(d.marks.edit) });
    out.push(...docLines);
    count += docLines.length;
    sinceKubeVip = isKubeVip ? 0 : sinceKubeVip + docLines.length;
    if (isKubeVip) nextKubeVip = r.int(230, 290); // plus ~40 lines of kube-vip: one every ~300
  }
  return { text: out.join('\n') + '\n', lines: out.length, documents: i, kubeVipDocs };
}

/**
 * Writes `files` small manifests (1–3 documents, about a third with a kube-vip workload) into
 * 20 sub-directories of `dir`, as a repository of manifests looks to the CLI.
 */
export function generateTree(dir, files, seed = 0x7e57) {
  const r = prng(seed);
  for (let f = 0; f < files; f++) {
    const docs = [];
    for (let n = r.int(1, 3); n > 0; n--) docs.push((docs.length === 0 && r.chance(0.33) ? kubeVip : r.pick([deployment, service, configMap]))(r, f).lines.join('\n'));
    const sub = path.join(dir, `app-${f % 20}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `manifest-${f}.${r.chance(0.2) ? 'yml' : 'yaml'}`), `${docs.join('\n---\n')}\n`);
  }
}

// CLI: print a manifest, for profiling or eyeballing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(generateManifest(Number(process.argv[2] ?? 1000)).text);
}
