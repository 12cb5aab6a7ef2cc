import { signal } from '@preact/signals';
import { describeError } from '../api/client';
import { t } from '../i18n';

interface Toast {
  id: number;
  message: string;
  kind: 'error' | 'ok';
}

export const toasts = signal<Toast[]>([]);
let nextId = 1;

export function showToast(message: string, kind: Toast['kind'] = 'error'): void {
  const id = nextId++;
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
    <div class="toast-region" role="status" aria-live="polite">
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
