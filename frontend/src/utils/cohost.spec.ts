import { describe, expect, it } from 'vitest';
import type { CoHostLink } from '../api/types';
import { codeFromHash, describeLink, isActive, svgDataUrl } from './cohost';

const NOW = Date.parse('2030-05-01T20:00:00Z');

function link(change: Partial<CoHostLink>): CoHostLink {
  return {
    id: 1,
    jamId: 7,
    name: 'Sam',
    createdAt: '2030-05-01T19:00:00Z',
    expiresAt: '2030-05-02T08:00:00Z',
    revokedAt: null,
    redeemedAt: null,
    status: 'active',
    ...change,
  };
}

describe('co-host links', () => {
  it('reads the code from the fragment of the link', () => {
    expect(codeFromHash('#code=abc_-123')).toBe('abc_-123');
    expect(codeFromHash('code=abc')).toBe('abc');
    expect(codeFromHash('#other=1&code=xyz')).toBe('xyz');
    expect(codeFromHash('')).toBeNull();
    expect(codeFromHash('#code=')).toBeNull();
    expect(codeFromHash('#token=abc')).toBeNull();
  });

  it('says how long an active link has left', () => {
    expect(describeLink(link({}), NOW)).toBe('active, 12 h left');
    expect(describeLink(link({ expiresAt: '2030-05-01T20:25:00Z' }), NOW)).toBe('active, 25 min left');
    expect(describeLink(link({ expiresAt: '2030-05-08T20:00:00Z' }), NOW)).toBe('active, 7 days left');
  });

  it('names revoked and expired links, including one that ran out since it was listed', () => {
    expect(describeLink(link({ status: 'revoked', revokedAt: '2030-05-01T19:30:00Z' }), NOW)).toBe('revoked');
    expect(describeLink(link({ status: 'expired' }), NOW)).toBe('expired');
    expect(describeLink(link({ expiresAt: '2030-05-01T19:59:59Z' }), NOW)).toBe('expired');
    expect(isActive(link({ expiresAt: '2030-05-01T19:59:59Z' }), NOW)).toBe(false);
    expect(isActive(link({ status: 'revoked' }), NOW)).toBe(false);
    expect(isActive(link({}), NOW)).toBe(true);
  });

  it('turns the server QR code into an image source, never into markup', () => {
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1"/></svg>');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(url).not.toContain('<');
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toContain('<path d="M0 0h1"/>');
  });
});
