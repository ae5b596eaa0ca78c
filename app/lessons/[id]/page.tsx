import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { loadLesson } from '@/lib/lessons/loader';
import { requestLocale } from '@/lib/i18n/server';
import { translator } from '@/lib/i18n/messages';
import { LessonPlayer } from '@/components/LessonPlayer';
import { LabNotices, SiteHeader } from '@/components/SiteHeader';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const [loaded, locale] = await Promise.all([loadLesson(id), requestLocale(sp.lang)]);
  return { title: loaded ? loaded.lesson.title[locale] : translator(locale)('notFound.title') };
}

export default async function LessonPage({ params, searchParams }: Props) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const [loaded, locale] = await Promise.all([loadLesson(id), requestLocale(sp.lang)]);
  if (!loaded) notFound();
  const t = translator(locale);
  const bodies = Object.fromEntries(Object.entries(loaded.bodies).map(([stepId, b]) => [stepId, b[locale]]));
  return (
    <div className="flex min-h-screen flex-col lg:h-screen lg:min-h-0">
      <a href="#lesson-main" className="sr-only focus:not-sr-only focus:absolute focus:z-10 focus:bg-panel focus:p-2">
        {t('nav.skip')}
      </a>
      <SiteHeader locale={locale} title={`${t('index.lesson', { n: loaded.lesson.order })} · ${loaded.lesson.title[locale]}`} />
      <LabNotices locale={locale} />
      <LessonPlayer lesson={loaded.lesson} bodies={bodies} files={loaded.files} locale={locale} />
    </div>
  );
}
