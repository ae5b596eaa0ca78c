import Link from 'next/link';
import { requestLocale } from '@/lib/i18n/server';
import { translator } from '@/lib/i18n/messages';

export default async function NotFound() {
  const t = translator(await requestLocale());
  return (
    <main className="mx-auto max-w-xl px-5 py-16">
      <h1 className="text-2xl font-semibold">{t('notFound.title')}</h1>
      <p className="mt-3 text-muted">{t('notFound.body')}</p>
      <Link href="/" className="mt-6 inline-block text-accent underline">
        {t('nav.lessons')}
      </Link>
    </main>
  );
}
