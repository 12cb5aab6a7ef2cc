import type { CoHostLink } from '../api/types';

/** How long a new co-host link lasts: a night, a long night, a weekend, a week. */
export const EXPIRY_CHOICES: { hours: number; label: string }[] = [
  { hours: 6, label: '6 hours' },
  { hours: 12, label: '12 hours' },
  { hours: 48, label: '2 days' },
  { hours: 168, label: '7 days' },
];

/** The code in a co-host link's fragment (`#code=…`), or null when there is none. */
export function codeFromHash(hash: string): string | null {
  const code = new URLSearchParams(hash.replace(/^#/, '')).get('code');
  return code && code.trim() ? code.trim() : null;
}

/** A link's state as the host should read it, e.g. "active, 3 h left", "expired", "revoked". */
export function describeLink(link: CoHostLink, now = Date.now()): string {
  if (link.status === 'revoked') return 'revoked';
  const left = Date.parse(link.expiresAt) - now;
  if (link.status === 'expired' || left <= 0) return 'expired';
  const minutes = Math.ceil(left / 60_000);
  if (minutes < 60) return `active, ${minutes} min left`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `active, ${hours} h left`;
  return `active, ${Math.round(hours / 24)} days left`;
}

/** Whether a link can still be revoked (and is worth showing a Revoke button for). */
export function isActive(link: CoHostLink, now = Date.now()): boolean {
  return link.status === 'active' && Date.parse(link.expiresAt) > now;
}

/** An <img> source for the server's QR code SVG (CSP allows data: images, not inline markup). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

