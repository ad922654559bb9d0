/**
 * A model of each version's parser: does kube-vip accept this value for this variable, on this
 * image and mode? Used to check that a preferred quick fix writes a value that works, not merely one
 * that silences its finding. `undefined` means the model does not judge that type.
 */
import { isReadBy, lookup } from './catalog';
import { PREFIX_LIST } from './catalog/behaviour';
import { configOf } from './config';
import { GO_FALSE, GO_TRUE } from './env';
import type { KubeVipContainer } from './model';
import { acceptsLegacySubnet, acceptsPrefixList } from './prefixes';
import { ipFamily, parseAddress, parseDurationMs, splitHostPort } from './values';
import { atLeast } from './version';

export function acceptsValue(container: KubeVipContainer, name: string, value: string): boolean | undefined {
  const spec = lookup(name);
  if (!spec || !isReadBy(spec, container.version) || value === '') return undefined;
  switch (spec.type) {
    case 'bool':
      return (GO_TRUE as readonly string[]).includes(value) || (GO_FALSE as readonly string[]).includes(value);
    case 'int':
    case 'port':
    case 'seconds':
    case 'milliseconds':
    case 'asn': {
      if (!/^[+-]?\d+$/.test(value)) return false;
      const n = Number(value);
      return (spec.min === undefined || n >= spec.min) && (spec.max === undefined || n <= spec.max);
    }
    case 'go-duration':
      return parseDurationMs(value) !== undefined;
    case 'enum':
      return spec.values ? spec.values.includes(value) : undefined;
    case 'ip':
      return ipFamily(value) !== undefined;
    case 'ipv4':
      return ipFamily(value) === 'ipv4';
    case 'address':
      return parseAddress(value).ok;
    case 'host-port':
      return splitHostPort(value) !== undefined;
    case 'prefix-list': {
      const config = configOf(container);
      if (name === 'vip_subnet' && !atLeast(container.version, PREFIX_LIST.subnetListForm)) return acceptsLegacySubnet(config, value);
      return acceptsPrefixList(config, value);
    }
    default:
      return undefined;
  }
}
