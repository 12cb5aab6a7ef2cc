export default function NotFoundPage() {
  return (
    <div class="card">
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. <a href="/">See tonight's jams</a>.
      </p>
    </div>
  );
}
