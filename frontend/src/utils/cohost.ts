import type { CoHostLink } from '../api/types';
import { t, tn } from '../i18n';

/** How long a new co-host link lasts, in hours: a night, a long night, a weekend, a week. */
export const EXPIRY_CHOICES = [6, 12, 48, 168];

/** "12 hours", "2 days". */
export function expiryLabel(hours: number): string {
  return hours < 48 ? tn('cohosts.hours', hours) : tn('cohosts.days', hours / 24);
}

/** The code in a co-host link's fragment (`#code=…`), or null when there is none. */
export function codeFromHash(hash: string): string | null {
  const code = new URLSearchParams(hash.replace(/^#/, '')).get('code');
  return code && code.trim() ? code.trim() : null;
}

/** A link's state as the host should read it, e.g. "active, 3 h left", "expired", "revoked". */
export function describeLink(link: CoHostLink, now = Date.now()): string {
  if (link.status === 'revoked') return t('cohosts.revoked');
  const left = Date.parse(link.expiresAt) - now;
  if (link.status === 'expired' || left <= 0) return t('cohosts.expired');
  const minutes = Math.ceil(left / 60_000);
  if (minutes < 60) return t('cohosts.minLeft', { count: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('cohosts.hoursLeft', { count: hours });
  return tn('cohosts.daysLeft', Math.round(hours / 24));
}

/** Whether a link can still be revoked (and is worth showing a Revoke button for). */
export function isActive(link: CoHostLink, now = Date.now()): boolean {
  return link.status === 'active' && Date.parse(link.expiresAt) > now;
}

/** An <img> source for the server's QR code SVG (CSP allows data: images, not inline markup). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

