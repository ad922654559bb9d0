/**
 * Version boundaries of kube-vip behaviour that rules depend on. One place for each fact;
 * the evidence is in docs/rules and in the kube-vip history cited next to each entry.
 */
export const PREFIX_LIST = {
  /** vip_cidr split into IPv4/IPv6 positions and applied with SetMask (kube-vip PR#961). */
  splitByFamily: 'v0.8.5',
  /** `auto` accepted as a vip_cidr element (same PR). */
  autoInCidr: 'v0.8.5',
  /** Nil-mask guard: the index-out-of-range panic became an error followed by panic("") (PR#1072). */
  maskErrorThenPanic: 'v0.8.10',
  /** vip_cidr no longer read; vip_subnet takes the list form (commit c5e854f). */
  subnetListForm: 'v0.9.0',
  /** The mask error is logged and the Service is left without its VIP; no panic. */
  maskErrorNotFatal: 'v1.0.4',
} as const;

/**
 * The oldest release the catalog was researched against. A `since` equal to it means "at least
 * since then": older images may read the variable too, so no rule claims they do not.
 */
export const RESEARCHED_FROM = 'v0.5.0';

/**
 * How kube-vip refuses to start (failure legend of pitfalls.md): up to v0.8.9 log.Fatal (exit 1);
 * from v0.8.10 to the newest release the command logs the error and returns, so the exit code is 0
 * and the Pod looks Completed (e.g. v1.2.3:cmd/kube-vip.go:310-314). Unreleased HEAD exits 1 again.
 */
export const ABORT = {
  exitZeroFrom: 'v0.8.10',
  exitZeroUntil: 'v1.2.3',
} as const;
