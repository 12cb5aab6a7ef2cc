import type { ComponentChildren } from 'preact';
import { LANGUAGE_NAMES, locale, setLocale, t, type Locale } from '../i18n';
import { host, logoutHost, notice } from '../stores/session';
import { ToastRegion } from './Toast';

export function Layout({ children }: { children: ComponentChildren }) {
  return (
    <>
      <a class="skip-link" href="#content">
        {t('layout.skip')}
      </a>
      <header class="app-header">
        <a class="brand" href="/">
          <span aria-hidden="true">♪</span> {t('app.name')}
        </a>
        <nav aria-label={t('layout.nav')}>
          <a href="/songs">{t('layout.songs')}</a>
          {host.value && <a href="/admin">{t('layout.admin')}</a>}
          {host.value ? (
            <button type="button" class="link" onClick={logoutHost}>
              {t('layout.logout')}
            </button>
          ) : (
            <a href="/#host-login">{t('layout.login')}</a>
          )}
          <select
            class="lang"
            aria-label={t('layout.language')}
            value={locale.value}
            onChange={(e) => void setLocale((e.target as HTMLSelectElement).value as Locale)}
          >
            {Object.entries(LANGUAGE_NAMES).map(([code, name]) => (
              <option value={code} lang={code} key={code}>
                {name}
              </option>
            ))}
          </select>
        </nav>
      </header>
      <main id="content" tabIndex={-1}>
        {notice.value && (
          <div class="notice" role="alert">
            <span>{notice.value}</span>
            <button type="button" class="ghost" onClick={() => (notice.value = null)} aria-label={t('common.dismiss')}>
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
