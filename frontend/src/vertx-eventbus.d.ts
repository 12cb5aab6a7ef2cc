declare module '@vertx/eventbus-bridge-client.js' {
  const EventBus: unknown;
  export default EventBus;
}

/** The real sockjs-client, loaded by api/socket.ts only where a native WebSocket cannot reach the bridge. */
declare module 'sockjs-client/lib/entry.js' {
  const SockJS: unknown;
  export default SockJS;
}
