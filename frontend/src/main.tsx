import { render } from 'preact';
import { App } from './App';
import { ready } from './i18n';
import { interceptLinks } from './router';
import { registerServiceWorker } from './serviceWorker';
import './stores/session';
import './styles.css';

const root = document.getElementById('app')!;
interceptLinks(document.body);
void ready.then(() => render(<App />, root));
registerServiceWorker(import.meta.env.PROD);
