import { t } from '../i18n';

export default function NotFoundPage() {
  return (
    <div class="card">
      <h1>{t('notFound.title')}</h1>
      <p>
        {t('notFound.text')} <a href="/">{t('notFound.link')}</a>.
      </p>
    </div>
  );
}
