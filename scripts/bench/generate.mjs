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

// ---------------------------------------------------------------------------------------------
// A whole repository (issue 9, "Performance at scale"): what the language server indexes and the
// CLI walks. Mostly manifests that have nothing to do with kube-vip, in the shapes and folders a
// platform monorepo has, and 2% kube-vip files: instances (some with the lone "128" prefix), their
// RBAC, the cloud provider's ConfigMap. One pair is the probe of the edit measurement: a DaemonSet
// that serves only one Service class, and the one Service of that class, in another file.

const TEAMS = ['payments', 'storefront', 'platform', 'data', 'identity', 'observability', 'search', 'logistics'];
const ENVS = ['dev', 'staging', 'prod'];
const WORDS = ['the', 'service', 'deploys', 'with', 'a', 'rolling', 'update', 'and', 'reads', 'its', 'config', 'from', 'the', 'cluster', 'secret', 'store', 'before', 'serving', 'traffic', 'on', 'port'];

const sentence = (r, n) => Array.from({ length: n }, () => r.pick(WORDS)).join(' ');
const v4 = (r, third = r.int(0, 3)) => `192.168.${third}.${r.int(10, 250)}`;
const v6 = (r) => `fd00:10:96::${r.int(1, 4000).toString(16)}`;

/** A LoadBalancer or ClusterIP Service that names its address in spec.loadBalancerIP (the existing `service` uses the annotation). */
function specService(r, name, ns) {
  const lb = r.chance(0.6);
  const family = r.pick(['IPv4', 'IPv4', 'IPv6', 'dual']);
  const l = ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, `  namespace: ${ns}`, '  labels:', `    app.kubernetes.io/name: ${name}`, 'spec:', `  type: ${lb ? 'LoadBalancer' : 'ClusterIP'}`];
  if (lb) l.push(`  loadBalancerIP: ${family === 'IPv6' ? v6(r) : v4(r)}`);
  if (family === 'dual') l.push('  ipFamilyPolicy: PreferDualStack', '  ipFamilies:', '    - IPv4', '    - IPv6');
  else l.push('  ipFamilyPolicy: SingleStack', '  ipFamilies:', `    - ${family}`);
  l.push('  selector:', `    app.kubernetes.io/name: ${name}`, '  ports:');
  for (let p = r.int(1, 3); p > 0; p--) l.push(`    - name: port-${p}`, `      port: ${r.pick([80, 443, 8080, 9090])}`, `      targetPort: ${r.pick([8080, 8443, 9090])}`, '      protocol: TCP');
  return l;
}

function ingress(r, name, ns) {
  const l = ['apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', `  name: ${name}`, `  namespace: ${ns}`, '  annotations:', '    cert-manager.io/cluster-issuer: letsencrypt', `    nginx.ingress.kubernetes.io/proxy-body-size: ${r.int(1, 64)}m`, 'spec:', '  ingressClassName: nginx', '  tls:', '    - hosts:', `        - ${name}.example.com`, `      secretName: ${name}-tls`, '  rules:'];
  for (let h = r.int(1, 3); h > 0; h--) {
    l.push(`    - host: ${name}-${h}.example.com`, '      http:', '        paths:');
    for (let p = r.int(1, 3); p > 0; p--) l.push(`          - path: /${r.pick(['api', 'web', 'static', 'v1', 'v2'])}`, '            pathType: Prefix', '            backend:', '              service:', `                name: ${name}`, '                port:', `                  number: ${r.pick([80, 8080])}`);
  }
  return l;
}

/** ServiceAccount, Role and RoleBinding of an app. */
function appRbac(r, name, ns) {
  const l = ['apiVersion: v1', 'kind: ServiceAccount', 'metadata:', `  name: ${name}`, `  namespace: ${ns}`, '---', 'apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata:', `  name: ${name}`, `  namespace: ${ns}`, 'rules:'];
  for (let n = r.int(1, 4); n > 0; n--) l.push(`  - apiGroups: ["${r.pick(['', 'apps', 'batch'])}"]`, `    resources: ["${r.pick(['configmaps', 'secrets', 'pods', 'jobs', 'deployments'])}"]`, `    verbs: ["get", "list"${r.chance(0.5) ? ', "watch"' : ''}]`);
  l.push('---', 'apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata:', `  name: ${name}`, `  namespace: ${ns}`, 'roleRef:', '  apiGroup: rbac.authorization.k8s.io', '  kind: Role', `  name: ${name}`, 'subjects:', '  - kind: ServiceAccount', `    name: ${name}`, `    namespace: ${ns}`);
  return l;
}

function hpa(r, name, ns) {
  return ['apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', 'metadata:', `  name: ${name}`, `  namespace: ${ns}`, 'spec:', '  scaleTargetRef:', '    apiVersion: apps/v1', '    kind: Deployment', `    name: ${name}`, `  minReplicas: ${r.int(1, 3)}`, `  maxReplicas: ${r.int(4, 20)}`, '  metrics:', '    - type: Resource', '      resource:', '        name: cpu', '        target:', '          type: Utilization', `          averageUtilization: ${r.int(50, 90)}`];
}

/** A CustomResourceDefinition: long, deeply nested schemas. */
function crd(r, group, kind) {
  const plural = `${kind.toLowerCase()}s`;
  const l = ['apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata:', `  name: ${plural}.${group}`, 'spec:', `  group: ${group}`, '  names:', `    kind: ${kind}`, `    listKind: ${kind}List`, `    plural: ${plural}`, `    singular: ${kind.toLowerCase()}`, '  scope: Namespaced', '  versions:', '    - name: v1', '      served: true', '      storage: true', '      schema:', '        openAPIV3Schema:', '          type: object', '          properties:', '            spec:', '              type: object', '              properties:'];
  let seq = 0; // keeps the keys of each properties map unique
  const property = (indent, depth) => {
    const name = `${r.pick(['replicas', 'image', 'endpoint', 'timeout', 'retries', 'selector', 'template', 'storage', 'backup', 'schedule'])}${++seq}`;
    if (depth < 3 && r.chance(0.3)) {
      l.push(`${indent}${name}:`, `${indent}  type: object`, `${indent}  description: ${sentence(r, r.int(4, 12))}`, `${indent}  properties:`);
      for (let n = r.int(2, 5); n > 0; n--) property(`${indent}    `, depth + 1);
    } else {
      const type = r.pick(['string', 'integer', 'boolean']);
      l.push(`${indent}${name}:`, `${indent}  type: ${type}`, `${indent}  description: ${sentence(r, r.int(4, 12))}`);
      if (type === 'integer') l.push(`${indent}  minimum: 0`, `${indent}  format: int32`);
    }
  };
  for (let n = r.int(12, 56); n > 0; n--) property('                ', 0);
  l.push('            status:', '              type: object', '              x-kubernetes-preserve-unknown-fields: true', '      subresources:', '        status: {}');
  return l;
}

/** A Helm chart: Chart.yaml, values.yaml, templates and a README. */
function chartFiles(r, name) {
  const values = ['# Default values for ' + name, `replicaCount: ${r.int(1, 3)}`, 'image:', `  repository: ${r.pick(REGISTRIES)}/${name}`, '  pullPolicy: IfNotPresent', '  tag: ""', 'service:', `  type: ${r.pick(['ClusterIP', 'LoadBalancer'])}`, '  port: 80', 'resources: {}', 'nodeSelector: {}', 'tolerations: []', 'affinity: {}'];
  for (let n = r.int(10, 40); n > 0; n--) {
    values.push(`${r.pick(['metrics', 'cache', 'db', 'auth', 'queue', 'tracing'])}${n}:`, `  enabled: ${r.chance(0.5)}`, `  # ${sentence(r, r.int(5, 12))}`);
    for (let k = r.int(1, 5); k > 0; k--) values.push(`  ${r.pick(['host', 'port', 'size', 'ttl', 'path'])}${k}: ${r.pick(['"x"', r.int(1, 9999), 'true', '/var/lib/data'])}`);
  }
  const template = block(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "${name}.fullname" . }}
  labels:
    {{- include "${name}.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "${name}.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "${name}.selectorLabels" . | nindent 8 }}
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ .Values.service.port }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}`);
  const service = block(`
apiVersion: v1
kind: Service
metadata:
  name: {{ include "${name}.fullname" . }}
spec:
  type: {{ .Values.service.type }}
  ports:
    - port: {{ .Values.service.port }}
      targetPort: http
  selector:
    {{- include "${name}.selectorLabels" . | nindent 4 }}`);
  return [
    ['Chart.yaml', ['apiVersion: v2', `name: ${name}`, `description: ${sentence(r, 8)}`, 'type: application', `version: 0.${r.int(1, 30)}.${r.int(0, 9)}`, `appVersion: "1.${r.int(0, 20)}.0"`]],
    ['values.yaml', values],
    ['templates/deployment.yaml', template],
    ['templates/service.yaml', service],
    ['README.md', readme(r, name)],
  ];
}

function readme(r, name) {
  const l = [`# ${name}`, '', sentence(r, 20), ''];
  for (let s = r.int(2, 6); s > 0; s--) {
    l.push(`## ${r.pick(['Install', 'Configure', 'Operate', 'Troubleshoot', 'Upgrade'])}`, '');
    for (let p = r.int(1, 4); p > 0; p--) l.push(sentence(r, r.int(10, 30)), '');
    if (r.chance(0.4)) l.push('```bash', `kubectl -n ${r.pick(NAMESPACES)} rollout status deploy/${name}`, '```', '');
  }
  return l;
}

/** A Grafana-style dashboard: JSON, long. */
function dashboard(r, name) {
  const panels = Array.from({ length: r.int(5, 30) }, (_, i) => ({
    id: i + 1,
    type: r.pick(['timeseries', 'stat', 'table']),
    title: `${name} ${r.pick(['latency', 'errors', 'saturation', 'traffic'])}`,
    gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
    targets: [{ expr: `sum(rate(http_requests_total{app="${name}"}[5m]))`, refId: 'A' }],
  }));
  return JSON.stringify({ title: name, uid: `${name}-${r.int(1000, 9999)}`, schemaVersion: 39, panels }, null, 2).split('\n');
}

function kustomization(r, resources, ns) {
  const l = ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', `namespace: ${ns}`, 'resources:', ...resources.map((f) => `  - ${f}`)];
  if (r.chance(0.5)) l.push('images:', `  - name: ${r.pick(APPS)}`, `    newTag: 1.${r.int(0, 30)}.${r.int(0, 9)}`);
  return l;
}

/** An app folder: base manifests (existing generators plus the new kinds) and env overlays. */
function appFiles(r, i) {
  const name = `${r.pick(APPS)}-${i}`;
  const ns = r.pick(NAMESPACES);
  const docs = (...parts) => parts.map((p) => p.join('\n')).join('\n---\n').split('\n');
  const some = (lo, hi, make) => docs(...Array.from({ length: r.int(lo, hi) }, (_, n) => make(n)));
  const files = [
    ['base/deployment.yaml', some(2, 5, (n) => deployment(r, i + n).lines)],
    ['base/service.yaml', some(1, 2, (n) => (r.chance(0.5) ? specService(r, `${name}-${n}`, ns) : service(r, i + n).lines))],
    ['base/configmap.yaml', some(2, 4, (n) => configMap(r, i + n).lines)],
  ];
  if (r.chance(0.6)) files.push(['base/ingress.yaml', ingress(r, name, ns)]);
  if (r.chance(0.6)) files.push(['base/rbac.yaml', appRbac(r, name, ns)]);
  if (r.chance(0.4)) files.push(['base/hpa.yaml', docs(hpa(r, name, ns), deployment(r, i + 1).lines)]);
  const overlays = r.chance(0.4) ? ENVS.slice(0, r.int(1, 2)) : [];
  if (overlays.length) files.push(['base/kustomization.yaml', kustomization(r, files.map(([f]) => f.slice('base/'.length)), ns)]);
  for (const env of overlays) {
    files.push([`overlays/${env}/kustomization.yaml`, kustomization(r, ['../../base', 'patch.yaml'], ns)]);
    files.push([`overlays/${env}/patch.yaml`, docs(deployment(r, i).lines, ...(r.chance(0.5) ? [specService(r, name, ns)] : []))]);
  }
  if (r.chance(0.5)) files.push(['README.md', readme(r, name)]);
  const team = r.pick(TEAMS);
  return files.map(([f, lines]) => [`apps/${team}/${name}/${f}`, lines]);
}

const KUBE_VIP_RBAC = (endpointSlices) =>
  block(`
apiVersion: v1
kind: ServiceAccount
metadata:
  name: kube-vip
  namespace: kube-system
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  annotations:
    rbac.authorization.kubernetes.io/autoupdate: "true"
  name: system:kube-vip-role
rules:
  - apiGroups: [""]
    resources: ["services/status"]
    verbs: ["update"]
  - apiGroups: [""]
    resources: ["services", "endpoints"]
    verbs: ["list","get","watch", "update"]
  - apiGroups: [""]
    resources: ["nodes"]
    verbs: ["list","get","watch", "update", "patch"]
  - apiGroups: ["coordination.k8s.io"]
    resources: ["leases"]
    verbs: ["list", "get", "watch", "update", "create"]${
      endpointSlices
        ? `
  - apiGroups: ["discovery.k8s.io"]
    resources: ["endpointslices"]
    verbs: ["list","get","watch", "update"]`
        : ''
    }
---
kind: ClusterRoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  name: system:kube-vip-binding
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: system:kube-vip-role
subjects:
- kind: ServiceAccount
  name: kube-vip
  namespace: kube-system`);

/** kube-vip-cloud-provider: its `kubevip` ConfigMap of pools and its Deployment. */
function cloudProvider(r) {
  const third = r.int(10, 60);
  return [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: kubevip',
    '  namespace: kube-system',
    'data:',
    `  cidr-global: 192.168.${third}.0/26`,
    `  range-${r.pick(NAMESPACES)}: 192.168.${third + 1}.10-192.168.${third + 1}.60`,
    `  cidr-${r.pick(NAMESPACES)}: 192.168.${third + 2}.0/28,fd00:10:${third}::/120`,
    '  allow-share-global: "true"',
    ...block(`
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: kube-vip-cloud-provider
  namespace: kube-system
spec:
  replicas: 1
  selector:
    matchLabels:
      app: kube-vip
      component: kube-vip-cloud-provider
  template:
    metadata:
      labels:
        app: kube-vip
        component: kube-vip-cloud-provider
    spec:
      serviceAccountName: kube-vip-cloud-controller
      containers:
        - name: kube-vip-cloud-provider
          image: ghcr.io/kube-vip/kube-vip-cloud-provider:v0.0.${r.int(9, 12)}
          command: ["/kube-vip-cloud-provider", "--leader-elect-resource-name=kube-vip-cloud-controller"]
          imagePullPolicy: Always`),
  ];
}

/** The probe instance: services only, ARP, the lone "128", serving only the Service class PROBE_CLASS. */
const PROBE_CLASS = 'kube-vip.io/bench-probe';
const PROBE_DAEMONSET = block(`
# Services-only kube-vip for the IPv6 ingress tier: serves only loadBalancerClass ${PROBE_CLASS}.
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-vip-ds-ingress-v6
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: kube-vip-ds-ingress-v6
  template:
    metadata:
      labels:
        app.kubernetes.io/name: kube-vip-ds-ingress-v6
    spec:
      hostNetwork: true
      serviceAccountName: kube-vip
      containers:
        - name: kube-vip
          image: ghcr.io/kube-vip/kube-vip:v0.8.9
          args: ["manager"]
          env:
            - name: vip_arp
              value: "true"
            - name: vip_interface
              value: eth1
            - name: vip_cidr
              value: "128" # IPv6 only, we thought
            - name: svc_enable
              value: "true"
            - name: svc_leasename
              value: plndr-svcs-lock-ingress-v6
            - name: lb_class_only
              value: "true"
            - name: lb_class_name
              value: ${PROBE_CLASS}
            - name: vip_nodename
              valueFrom:
                fieldRef:
                  fieldPath: spec.nodeName
          securityContext:
            capabilities:
              add: [NET_ADMIN, NET_RAW]`);

/** The probe Service: the only one of PROBE_CLASS; `family` decides its address. */
export function probeService(family) {
  return `${[
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: edge-gateway',
    '  namespace: edge',
    'spec:',
    '  type: LoadBalancer',
    `  loadBalancerClass: ${PROBE_CLASS}`,
    `  loadBalancerIP: ${family === 'IPv4' ? '192.168.77.10' : 'fd00:77::10'}`,
    '  ipFamilyPolicy: SingleStack',
    '  ipFamilies:',
    `    - ${family}`,
    '  selector:',
    '    app.kubernetes.io/name: edge-gateway',
    '  ports:',
    '    - name: https',
    '      port: 443',
    '      targetPort: 8443',
  ].join('\n')}\n`;
}

/** The kube-vip files of a repository, `count` of them, in clusters/<name>/kube-vip/. */
function kubeVipFiles(r, count) {
  const files = [
    ['clusters/edge/kube-vip/kube-vip-ingress-v6.yaml', PROBE_DAEMONSET],
    ['clusters/edge/kube-vip/rbac.yaml', KUBE_VIP_RBAC(true)],
  ];
  for (let c = 0; files.length < count; c++) {
    const dir = `clusters/${r.pick(['eu', 'us', 'ap'])}-${r.pick(ENVS)}-${c}/kube-vip`;
    files.push([`${dir}/kube-vip.yaml`, kubeVip(r, c).lines]);
    if (files.length < count) files.push([`${dir}/rbac.yaml`, KUBE_VIP_RBAC(r.chance(0.5))]);
    if (c % 4 === 0 && files.length < count) files.push([`${dir}/cloud-provider.yaml`, cloudProvider(r)]);
  }
  return files;
}

/** Files the server and the CLI must skip: vendored YAML (with kube-vip in it) under node_modules and .git. */
function skippedFiles(r) {
  const files = [];
  for (let n = 0; n < 40; n++) files.push([`node_modules/@acme/k8s-fixtures/manifests/fixture-${n}.yaml`, n % 4 === 0 ? kubeVip(r, 900 + n).lines : deployment(r, n).lines]);
  for (let n = 0; n < 10; n++) files.push([`apps/storefront/web/node_modules/chart-lib/templates/t${n}.yaml`, n % 2 ? service(r, n).lines : kubeVip(r, 950 + n).lines]);
  files.push(['.git/kube-vip-backup.yaml', kubeVip(r, 999).lines], ['.git/HEAD', ['ref: refs/heads/main']]);
  return files;
}

/**
 * Writes a repository of `files` lintable files (yaml, yml, md, json, as the CLI globs them) into
 * `dir`, deterministic for a seed: 2% in clusters/*\/kube-vip, the rest app folders (base +
 * overlays), Helm charts, CRDs, dashboards and docs; plus files under node_modules and .git that
 * must be skipped. Returns the counts, and the paths (relative to `dir`) the benchmark works with.
 */
export function generateRepository(dir, { files = 5000, seed = 0x9e05 } = {}) {
  const r = prng(seed);
  const kubeVipCount = Math.round(files * 0.02);
  const out = kubeVipFiles(r, kubeVipCount);
  const probeServicePath = `apps/platform/edge-gateway/service.yaml`;
  out.push([probeServicePath, probeService('IPv6')]);
  for (let i = 0; out.length < files; i++) {
    const pick = r.next();
    let unit;
    if (pick < 0.62) unit = appFiles(r, i);
    else if (pick < 0.72) {
      const name = `${r.pick(APPS)}-${i}`;
      unit = chartFiles(r, name).map(([f, l]) => [`charts/${name}/${f}`, l]);
    }
    else if (pick < 0.86) {
      const group = `${r.pick(TEAMS)}.acme.io`;
      const crds = Array.from({ length: r.int(1, 3) }, (_, n) => crd(r, group, `${r.pick(['Database', 'Cache', 'Queue', 'Backup', 'Tenant'])}${i}x${n}`).join('\n'));
      unit = [[`crds/${group}/crds-${i}.yaml`, crds.join('\n---\n').split('\n')]];
    }
    else if (pick < 0.94) unit = [[`dashboards/${r.pick(TEAMS)}/${r.pick(APPS)}-${i}.json`, dashboard(r, r.pick(APPS))]];
    else unit = [[`docs/${r.pick(['runbooks', 'adr', 'guides'])}/${r.pick(APPS)}-${i}.md`, readme(r, r.pick(APPS))]];
    out.push(...unit.slice(0, files - out.length));
  }
  const stats = { files: 0, lines: 0, bytes: 0, kubeVipFiles: kubeVipCount, skippedFiles: 0 };
  const write = ([file, content]) => {
    const text = typeof content === 'string' ? content : `${content.join('\n')}\n`;
    mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
    return text;
  };
  const seen = new Set();
  for (const entry of out) {
    if (seen.has(entry[0])) throw new Error(`generateRepository: ${entry[0]} twice`);
    seen.add(entry[0]);
    const text = write(entry);
    stats.files++;
    stats.lines += text.split('\n').length - 1;
    stats.bytes += Buffer.byteLength(text);
  }
  for (const entry of skippedFiles(r)) {
    write(entry);
    stats.skippedFiles++;
  }
  return {
    ...stats,
    probe: { daemonSet: 'clusters/edge/kube-vip/kube-vip-ingress-v6.yaml', service: probeServicePath },
    /** A kube-vip instance to open while the index is being built (the last in path order). */
    openDuringIndex: out.slice(0, kubeVipCount).map(([f]) => f).filter((f) => f.endsWith('/kube-vip.yaml')).sort().at(-1),
  };
}

// CLI: print a manifest, for profiling or eyeballing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(generateManifest(Number(process.argv[2] ?? 1000)).text);
}
