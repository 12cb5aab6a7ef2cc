// What the official event-bus client's `require('sockjs-client')` gets (vite.config.ts aliases it here):
// the socket class itself, as the real package exports it, not an ES module namespace.
module.exports = require('./socket.ts').default;
