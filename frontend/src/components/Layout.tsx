import type { ComponentChildren } from 'preact';
import { host, logoutHost, notice } from '../stores/session';
import { ToastRegion } from './Toast';

export function Layout({ children }: { children: ComponentChildren }) {
  return (
    <>
      <a class="skip-link" href="#content">
        Skip to content
      </a>
      <header class="app-header">
        <a class="brand" href="/">
          <span aria-hidden="true">♪</span> JaManager
        </a>
        <nav aria-label="Main">
          <a href="/songs">Songs</a>
          {host.value && <a href="/admin">Admin</a>}
          {host.value ? (
            <button type="button" class="link" onClick={logoutHost}>
              Log out
            </button>
          ) : (
            <a href="/#host-login">Host login</a>
          )}
        </nav>
      </header>
      <main id="content" tabIndex={-1}>
        {notice.value && (
          <div class="notice" role="alert">
            <span>{notice.value}</span>
            <button type="button" class="ghost" onClick={() => (notice.value = null)} aria-label="Dismiss">
              ✕
            </button>
          </div>
        )}
        {children}
      </main>
      <ToastRegion />
    </>
  );
}
