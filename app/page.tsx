import Link from 'next/link';
import { listLessons, loadLesson } from '@/lib/lessons/loader';
import { requestLocale } from '@/lib/i18n/server';
import { translator } from '@/lib/i18n/messages';
import { LabNotices, SiteHeader } from '@/components/SiteHeader';
import { DoctorPanel } from '@/components/DoctorPanel';
import { ContinueHint } from '@/components/ContinueHint';

export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const [lessons, locale] = await Promise.all([listLessons(), requestLocale(sp.lang)]);
  const t = translator(locale);
  const stepIds = Object.fromEntries(
    await Promise.all(lessons.map(async (l) => [l.id, (await loadLesson(l.id))?.lesson.steps.map((s) => s.id) ?? []] as const)),
  );
  return (
    <div className="flex min-h-screen flex-col">
      <SiteHeader locale={locale} />
      <LabNotices locale={locale} />
      <div className="mx-auto grid w-full max-w-6xl flex-1 gap-8 px-5 py-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <main>
          <p className="text-muted">{t('app.tagline')}</p>
          <h1 className="mt-6 text-2xl font-semibold">{t('index.heading')}</h1>
          {lessons.length === 0 && <p className="mt-4 text-bad">{t('index.empty')}</p>}
          <ol className="mt-4 space-y-4">
            {lessons.map((l) => (
              <li key={l.id}>
                <Link
                  href={`/lessons/${l.id}?lang=${locale}`}
                  data-testid={`lesson-${l.id}`}
                  className="block rounded-xl border border-line bg-panel p-5 transition-colors hover:border-accent"
                >
                  <div className="text-xs font-semibold uppercase tracking-wide text-muted">{t('index.lesson', { n: l.order })}</div>
                  <h2 className="mt-1 text-lg font-semibold">{l.title[locale]}</h2>
                  <p className="mt-2 text-sm leading-6 text-muted">{l.summary[locale]}</p>
                  <span className="mt-3 inline-block text-sm font-medium text-accent">{t('index.open')} →</span>
                  <ContinueHint lessonId={l.id} stepIds={stepIds[l.id]} locale={locale} />
                </Link>
              </li>
            ))}
          </ol>
        </main>
        <aside className="h-fit rounded-xl border border-line bg-panel p-4">
          <DoctorPanel locale={locale} />
        </aside>
      </div>
    </div>
  );
}
