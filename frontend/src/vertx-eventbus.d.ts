declare module '@vertx/eventbus-bridge-client.js' {
  const EventBus: unknown;
  export default EventBus;
}
