// Chromium's Local Network Access (https://developer.chrome.com/blog/local-network-access): a
// page calling a more private address space than its own meets a permission prompt, which no
// CORS header can answer.
import { describe, expect, it } from 'vitest';
import { addressSpaceOf, localNetworkAccess } from '../src/index.js';

describe('address spaces', () => {
  it.each([
    { host: '127.0.0.1', space: 'loopback' },
    { host: '127.8.9.10', space: 'loopback' },
    { host: 'localhost', space: 'loopback' },
    { host: 'api.localhost', space: 'loopback' },
    { host: '[::1]', space: 'loopback' },
    { host: '::ffff:127.0.0.1', space: 'loopback' },
    { host: '[::ffff:7f00:1]', space: 'loopback' },
    { host: '10.1.2.3', space: 'local' },
    { host: '172.16.0.1', space: 'local' },
    { host: '172.31.255.255', space: 'local' },
    { host: '192.168.1.10', space: 'local' },
    { host: '169.254.169.254', space: 'local' },
    { host: 'printer.local', space: 'local' },
    { host: '[fd12:3456::1]', space: 'local' },
    { host: 'fe80::1', space: 'local' },
    { host: '::ffff:192.168.0.1', space: 'local' },
    { host: '172.32.0.1', space: 'public' },
    { host: '8.8.8.8', space: 'public' },
    { host: '[2001:db8::1]', space: 'public' },
    { host: 'api.example', space: undefined },
    { host: '1.2.3', space: undefined },
  ])('$host is $space', ({ host, space }) => {
    expect(addressSpaceOf(host)).toBe(space);
  });
});

describe('the Local Network Access prompt', () => {
  it.each([
    { rule: 'a public page calling loopback', page: 'https://app.example', url: 'http://127.0.0.1:8787/x', address: undefined, permission: 'loopback-network' },
    { rule: 'a public page calling a private address', page: 'https://app.example', url: 'http://192.168.1.5/x', address: undefined, permission: 'local-network' },
    { rule: 'a public page calling a name that resolves to a private address', page: 'https://app.example', url: 'https://api.internal/x', address: '10.0.0.7', permission: 'local-network' },
    { rule: 'a local page calling loopback', page: 'http://192.168.1.2:3000', url: 'http://localhost:8787/', address: undefined, permission: 'loopback-network' },
    { rule: 'a loopback page calling loopback', page: 'http://localhost:5173', url: 'http://127.0.0.1:8787/', address: undefined, permission: undefined },
    { rule: 'a public page calling a public address', page: 'https://app.example', url: 'https://api.example/', address: '93.184.216.34', permission: undefined },
    { rule: 'a public page calling a name DNS was not asked about', page: 'https://app.example', url: 'https://api.example/', address: undefined, permission: undefined },
    { rule: 'a local page calling a public address', page: 'http://10.0.0.2', url: 'https://api.example/', address: '93.184.216.34', permission: undefined },
    { rule: 'an opaque origin', page: 'null', url: 'http://127.0.0.1/', address: undefined, permission: undefined },
  ])('$rule: $permission', ({ page, url, address, permission }) => {
    expect(localNetworkAccess(page, url, address)?.permission).toBe(permission);
  });

  it('says that no CORS header grants it, and cites Chrome', () => {
    const lna = localNetworkAccess('https://app.example', 'http://127.0.0.1:8787/items');
    expect(lna?.note).toContain('since Chrome 142, Chromium asks the user for permission first');
    expect(lna?.note).toContain('No CORS header can grant this');
    expect(lna?.note).toContain('https://developer.chrome.com/blog/local-network-access');
    expect(lna?.note).not.toContain('refuses outright');
  });

  it('from a page that is not https:, says Chromium refuses outright', () => {
    expect(localNetworkAccess('http://app.example', 'http://192.168.1.5/')?.note).toContain('refuses outright from a page that is not https:');
  });

  it('names the address a host name was reached at', () => {
    expect(localNetworkAccess('https://app.example', 'https://api.internal/x', '10.0.0.7')?.note).toContain('calls api.internal (10.0.0.7)');
  });
});
