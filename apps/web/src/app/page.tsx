export default function Home() {
  return (
    <main>
      <h1>Zatten Chat</h1>
    </main>
  );
}
