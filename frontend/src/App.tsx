export function App() {
  return <main><h1>JaManager</h1></main>;
}
