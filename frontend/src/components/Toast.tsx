import { signal } from '@preact/signals';
import { describeError } from '../api/client';
import { t } from '../i18n';

interface Toast {
  id: number;
  message: string;
  kind: 'error' | 'ok';
}

export const toasts = signal<Toast[]>([]);
/** Which screen edge the toasts sit on: the one away from the form or control in use (see showToast). */
export const toastEdge = signal<'top' | 'bottom'>('bottom');
let nextId = 1;
/** The control used last: a submit button is disabled, and so loses focus, while its request runs. */
let lastFocused: Element | null = null;
if (typeof document !== 'undefined') document.addEventListener('focusin', (e) => (lastFocused = e.target as Element));

/**
 * The edge with more free room beside the focused control's form (or the control alone), so a toast never
 * covers the fields and buttons someone is using, e.g. the suggestion form at the bottom of a phone.
 */
function edgeAwayFromFocus(): 'top' | 'bottom' {
  const active = document.activeElement;
  const focused = active && active !== document.body ? active : lastFocused;
  if (!focused?.isConnected) return 'bottom';
  const area = (focused.closest('form') ?? focused).getBoundingClientRect();
  return area.top > window.innerHeight - area.bottom ? 'top' : 'bottom';
}

export function showToast(message: string, kind: Toast['kind'] = 'error'): void {
  const id = nextId++;
  toastEdge.value = edgeAwayFromFocus();
  toasts.value = [...toasts.value.slice(-2), { id, message, kind }];
  setTimeout(() => dismiss(id), kind === 'error' ? 6000 : 3000);
}

/** Shows the server's words for a failed call (403/409/429…), in plain language. */
export function showError(error: unknown): void {
  showToast(describeError(error), 'error');
}

function dismiss(id: number): void {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}

export function ToastRegion() {
  return (
    <div class={`toast-region ${toastEdge.value}`} role="status" aria-live="polite">
      {toasts.value.map((toast) => (
        <div class={`toast ${toast.kind}`} key={toast.id}>
          <span>{toast.message}</span>
          <button class="ghost" type="button" onClick={() => dismiss(toast.id)} aria-label={t('common.dismissMessage')}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
