/**
 * IPv4 and IPv6 addresses and CIDR blocks for IpAddress / NotIpAddress, parsed by hand (no node:net:
 * the engine stays free of I/O modules). IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`, what Node
 * reports for IPv4 clients on a dual-stack socket) are treated as the IPv4 address they carry.
 */

export type IpAddress = { family: 4; value: number } | { family: 6; value: bigint };

export interface IpRange {
  /** True when the address is inside the block. */
  contains(address: IpAddress): boolean;
}

const OCTET = /^(0|[1-9]\d{0,2})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;
const MAPPED_PREFIX = 0xffffn << 32n;

function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

function parseHextets(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIPv4(part);
      if (v4 === undefined) return undefined;
      groups.push(v4 >>> 16, v4 & 0xffff);
    } else if (HEXTET.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIPv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseHextets(halves[0] ?? '');
  const tail = halves.length === 2 ? parseHextets(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const group of [...head, ...new Array<number>(missing).fill(0), ...tail]) value = (value << 16n) | BigInt(group);
  return value;
}

export function parseIpAddress(text: string): IpAddress | undefined {
  if (!text.includes(':')) {
    const v4 = parseIPv4(text);
    return v4 === undefined ? undefined : { family: 4, value: v4 };
  }
  const v6 = parseIPv6(text);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { family: 4, value: Number(v6 & 0xffffffffn) };
  return { family: 6, value: v6 };
}

function v4Range(network: number, prefix: number): IpRange {
  // `x << 32` is `x` in JavaScript, so a /0 needs its own mask.
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const base = (network & mask) >>> 0;
  return { contains: (a) => a.family === 4 && ((a.value & mask) >>> 0) === base };
}

function v6Range(network: bigint, prefix: number): IpRange {
  const mask = ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - prefix)) - 1n);
  const base = network & mask;
  return { contains: (a) => a.family === 6 && (a.value & mask) === base };
}

/** An address (`10.0.0.1`, `2001:db8::1`) or a CIDR block (`10.0.0.0/8`, `2001:db8::/32`). */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = parseIpAddress(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  const isV6Text = text.slice(0, slash < 0 ? undefined : slash).includes(':');
  const maxPrefix = isV6Text ? 128 : 32;
  let prefix = maxPrefix;
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1);
    if (!/^(0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > maxPrefix) return undefined;
    prefix = Number(prefixText);
  }
  if (address.family === 6) return v6Range(address.value, prefix);
  // An IPv4-mapped IPv6 block names the IPv4 block inside it.
  if (isV6Text) return prefix < 96 ? v6Range(MAPPED_PREFIX | BigInt(address.value), prefix) : v4Range(address.value, prefix - 96);
  return v4Range(address.value, prefix);
}

export function checkIpRange(text: string): string | undefined {
  return parseIpRange(text) === undefined ? `'${text}' is not an IPv4 or IPv6 address or CIDR block` : undefined;
}
