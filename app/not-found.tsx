import Link from 'next/link';
import { messages } from '@/lib/i18n/messages';

// Static (no request APIs), so it shows both languages.
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-5 py-16">
      {(['en', 'ja'] as const).map((l) => (
        <section key={l} lang={l} className="mb-8">
          <h1 className="text-2xl font-semibold">{messages[l]['notFound.title']}</h1>
          <p className="mt-3 text-muted">{messages[l]['notFound.body']}</p>
          <Link href={`/?lang=${l}`} className="mt-3 inline-block text-accent underline">
            {messages[l]['nav.lessons']}
          </Link>
        </section>
      ))}
    </main>
  );
}
