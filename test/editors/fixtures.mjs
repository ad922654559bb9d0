// Manifests shared by the Neovim and Emacs tests. Everything but the vip_cidr value must stay
// byte-identical after the fix and save.
//
// (a) block style; the lines before the value line carry multi-byte text (2-, 3- and 4-byte UTF-8,
//     and a UTF-16 surrogate pair), so a server or client mixing up offsets lands on the wrong line/column.
export const BLOCK_NAME = 'daemonset.yaml';
export const BLOCK_BAD = '          value: "128" # dual-stack';
export const BLOCK_FIXED = '          value: "32,128" # dual-stack';
export const BLOCK = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-vip-ds
  namespace: kube-system
  annotations:
    description: "½ü€ 日本 🚀"
  labels:
    app.kubernetes.io/name: kube-vip-ds
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: kube-vip-ds
  template:
    metadata:
      labels:
        app.kubernetes.io/name: kube-vip-ds
    spec:
      hostNetwork: true
      serviceAccountName: kube-vip
      containers:
      - name: kube-vip
        image: ghcr.io/kube-vip/kube-vip:v0.8.9
        imagePullPolicy: IfNotPresent
        args:
        - manager
        env:
        - name: vip_arp
          value: "true"
        # ½ü€ 日本 🚀 IPv4 first, then IPv6
        - name: vip_cidr # ½ü€ 日本
${BLOCK_BAD}
        - name: svc_enable
          value: "true"
        - name: cp_enable
          value: "true"
        - name: address
          value: 192.168.0.40
        securityContext:
          capabilities:
            add:
            - NET_ADMIN
            - NET_RAW
`;
// (b) flow style: multi-byte text BEFORE the value on the same line, so byte and UTF-16 columns of
//     "128" differ (by 14: ½ ü € 日 本 are 2-3 bytes and 1 UTF-16 unit each, 🚀 is 4 bytes and 2 units).
export const FLOW_NAME = 'flow.yaml';
export const FLOW_BAD =
  '        env: [{name: MOTD, value: "½ü€ 日本 🚀"}, {name: vip_cidr, value: "128"}, {name: vip_arp, value: "true"}, {name: svc_enable, value: "true"}, {name: address, value: 192.168.0.40}] # ü';
export const FLOW_FIXED = FLOW_BAD.replace('value: "128"', 'value: "32,128"');
export const FLOW = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-vip-flow
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: kube-vip-flow
  template:
    metadata:
      labels:
        app.kubernetes.io/name: kube-vip-flow
    spec:
      hostNetwork: true
      containers:
      - name: kube-vip
        image: ghcr.io/kube-vip/kube-vip:v0.8.9
        args: ["manager"]
${FLOW_BAD}
`;

