/**
 * The official kube-vip Helm chart (github.com/kube-vip/helm-charts, chart `kube-vip`): which kube-vip
 * image each chart version deploys when the values set no `image.tag`.
 *
 * The template writes `{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}`
 * (charts/kube-vip/templates/daemonset.yaml, every version). Up to chart 0.4.4 the chart's own values.yaml
 * still set `image.tag`, which then wins over appVersion (0.4.4 ships tag "v0.5.11" with appVersion v0.4.1);
 * from 0.5.0 values.yaml sets no tag and appVersion applies.
 *
 * Source: `git show kube-vip-<version>:charts/kube-vip/Chart.yaml` (appVersion) and `…/values.yaml`
 * (image.tag) for every chart-releaser tag `kube-vip-<version>` of kube-vip/helm-charts up to HEAD 7a48df9
 * (chart 0.9.9, 2026-05-06); cross-checked with the published index (branch gh-pages, index.yaml), which
 * lists the same versions except 0.4.3, 0.6.2 and 0.6.3 (tagged and released, since withdrawn from the index).
 * The stray tag kube-vip-0.8.4 points at chart 0.6.3 and is not a chart version.
 */
export const KUBE_VIP_CHART_IMAGE_TAGS: Readonly<Record<string, string>> = {
  '0.3.6': 'v0.3.6',
  '0.3.7': 'v0.3.6', // values.yaml kept tag "v0.3.6" (appVersion v0.3.7)
  '0.4.0': 'v0.4.0',
  '0.4.1': 'v0.4.1',
  '0.4.2': 'v0.4.1',
  '0.4.3': 'v0.4.1',
  '0.4.4': 'v0.5.11', // values.yaml tag "v0.5.11" (appVersion v0.4.1)
  '0.5.0': 'v0.7.0',
  '0.6.0': 'v0.8.0',
  '0.6.1': 'v0.8.0',
  '0.6.2': 'v0.8.0',
  '0.6.3': 'v0.8.4',
  '0.6.4': 'v0.8.4',
  '0.6.5': 'v0.8.4',
  '0.6.6': 'v0.8.9',
  '0.6.7': 'v0.8.9',
  '0.7.1': 'v0.9.1', // env vip_cidr renamed vip_subnet in the default values (helm-charts 887fcda)
  '0.8.0': 'v0.9.1',
  '0.8.1': 'v0.9.1',
  '0.8.2': 'v0.9.2',
  '0.9.0': 'v1.0.0',
  '0.9.1': 'v1.0.1',
  '0.9.2': 'v1.0.1',
  '0.9.3': 'v1.0.1',
  '0.9.4': 'v1.0.2',
  '0.9.5': 'v1.0.3',
  '0.9.6': 'v1.0.4',
  '0.9.7': 'v1.0.4',
  '0.9.8': 'v1.0.4',
  '0.9.9': 'v1.0.4',
};

/** The image tag chart `version` deploys by default ("0.9.9" or "v0.9.9"), or undefined when unknown (a range, a newer chart). */
export function chartImageTag(version: string): string | undefined {
  const exact = version.trim().replace(/^v/, '');
  return Object.prototype.hasOwnProperty.call(KUBE_VIP_CHART_IMAGE_TAGS, exact) ? KUBE_VIP_CHART_IMAGE_TAGS[exact] : undefined;
}
