import { render } from 'preact';
import { App } from './App';
import { interceptLinks } from './router';
import { registerServiceWorker } from './serviceWorker';
import './stores/session';
import './styles.css';

const root = document.getElementById('app')!;
interceptLinks(document.body);
render(<App />, root);
registerServiceWorker(import.meta.env.PROD);
