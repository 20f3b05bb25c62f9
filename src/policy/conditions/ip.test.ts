import { describe, expect, it } from 'vitest';
import { parseIpAddress, parseIpRange } from './ip.js';

const inRange = (range: string, address: string) => {
  const parsed = parseIpAddress(address);
  return parsed !== undefined && (parseIpRange(range)?.contains(parsed) ?? false);
};

describe('IP addresses', () => {
  it.each(['::', '::1', '2001:db8::', '2001:0db8:0000:0000:0000:0000:0000:0001', '64:ff9b::192.0.2.33', 'fe80::1:2:3:4:5'])('parses the IPv6 form %s', (text) => {
    expect(parseIpAddress(text)?.family).toBe(6);
  });

  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', 'fe80::1%eth0', '12345::', '2001:db8::g', ':1', '1.2.3', '1.2.3.4.5', ''])('refuses the malformed address %s', (text) => {
    expect(parseIpAddress(text)).toBeUndefined();
  });

  it('reads an IPv4-mapped IPv6 address as IPv4', () => {
    expect(parseIpAddress('::ffff:192.0.2.1')).toEqual({ family: 4, value: 0xc0000201 });
  });

  it('matches the first and last address of a block and nothing beyond', () => {
    expect(inRange('192.0.2.0/24', '192.0.2.0')).toBe(true);
    expect(inRange('192.0.2.0/24', '192.0.2.255')).toBe(true);
    expect(inRange('192.0.2.0/24', '192.0.3.0')).toBe(false);
  });

  it('matches an IPv6 /128 only for its own address', () => {
    expect(inRange('2001:db8::1/128', '2001:db8::1')).toBe(true);
    expect(inRange('2001:db8::1/128', '2001:db8::2')).toBe(false);
  });

  it('matches every IPv6 address with ::/0', () => {
    expect(inRange('::/0', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(true);
  });

  it('reads an IPv4-mapped IPv6 block as the IPv4 block it carries', () => {
    expect(inRange('::ffff:10.0.0.0/104', '10.200.0.1')).toBe(true);
    expect(inRange('::ffff:10.0.0.0/104', '11.0.0.1')).toBe(false);
  });
});
