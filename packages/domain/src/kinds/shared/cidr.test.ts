import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidr } from './cidr.ts';

describe('parseCidr', () => {
  it.each(['10.0.0.0/8', '0.0.0.0/0', '192.168.1.1/32', '::/0', 'fd00::/8', '2001:db8::1/128', '1:2:3:4:5:6:7:8/64'])('accepts %s', (cidr) => {
    expect(parseCidr(cidr)).toBeDefined();
  });
  it.each(['10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', '10.0.0/8', 'fd00::/129', '1::2::3/64', 'abc/8', '010.0.0.0/8'])('rejects %s', (cidr) => {
    expect(parseCidr(cidr)).toBeUndefined();
  });
});

describe('cidrContains', () => {
  const c = (s: string) => parseCidr(s)!;
  it('checks containment', () => {
    expect(cidrContains(c('10.0.0.0/8'), c('10.1.0.0/16'))).toBe(true);
    expect(cidrContains(c('10.0.0.0/8'), c('11.0.0.0/16'))).toBe(false);
    expect(cidrContains(c('10.0.0.0/16'), c('10.0.0.0/8'))).toBe(false);
    expect(cidrContains(c('0.0.0.0/0'), c('192.168.0.0/16'))).toBe(true);
    expect(cidrContains(c('fd00::/8'), c('fd12::/16'))).toBe(true);
    expect(cidrContains(c('fd00::/8'), c('10.0.0.0/8'))).toBe(false);
  });
});
