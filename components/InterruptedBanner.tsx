'use client';
// Explains cluster creations that did not finish (server stopped or create cancelled) with the
// cluster's true state, and offers to clean up or create it again.
import { useCallback, useEffect, useState } from 'react';
import { apiFetch } from '@/lib/client/session';
import { api } from '@/lib/client/api';
import { translator } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/lessons/schema';
import { useLab } from './LabProvider';

interface Item {
  name: string;
  mode: 'live' | 'sim';
  command: string;
  startedAt: number;
  ended?: 'cancelled' | 'timed-out';
  state: { exists: boolean; nodes: string[]; error?: string };
}

async function waitForJob(jobId: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const jobs = await api.runs();
    if (jobs.find((j) => j.jobId === jobId)?.state !== 'running') return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const load = () => apiFetch<Item[]>('/api/lab/interrupted').catch((): Item[] => []);

export function InterruptedBanner({ locale }: { locale: Locale }) {
  const t = translator(locale);
  const { session } = useLab();
  const [items, setItems] = useState<Item[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => setItems(await load()), []);

  useEffect(() => {
    if (session.status !== 'ok') return;
    let current = true;
    void load().then((v) => current && setItems(v));
    return () => {
      current = false;
    };
  }, [session.status]);

  const act = async (item: Item, command: string | null) => {
    setBusy(item.name);
    setError(null);
    try {
      if (command) await waitForJob((await api.run(command)).jobId);
      else await apiFetch('/api/lab/interrupted', { method: 'POST', body: { name: item.name } });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
      await refresh();
    }
  };

  if (items.length === 0) return null;
  return (
    <div role="status" data-testid="interrupted-banner" className="border-b border-line bg-warn-bg px-4 py-2 text-sm">
      {items.map((item) => (
        <div key={item.name} className="flex flex-wrap items-center gap-2 py-0.5">
          <span>
            {t(item.ended === 'cancelled' ? 'interrupted.cancelled' : item.ended === 'timed-out' ? 'interrupted.timedOut' : 'interrupted.stopped', { name: item.name })}{' '}
            {item.state.exists
              ? t('interrupted.exists', { n: item.state.nodes.length, nodes: item.state.nodes.join(', ') })
              : item.state.error
                ? t('interrupted.unknown', { error: item.state.error })
                : t('interrupted.gone')}
          </span>
          {item.state.exists ? (
            <button type="button" disabled={busy !== null} className="rounded border border-line px-2 py-0.5 hover:bg-bg" onClick={() => void act(item, `kind delete cluster --name ${item.name}`)}>
              {t('interrupted.delete', { name: item.name })}
            </button>
          ) : item.state.error ? (
            // Unknown state (e.g. Docker not answering): creating again would fail the same way; look again instead.
            <button type="button" disabled={busy !== null} className="rounded border border-line px-2 py-0.5 hover:bg-bg" onClick={() => void refresh()}>
              {t('interrupted.recheck')}
            </button>
          ) : (
            <button type="button" disabled={busy !== null} className="rounded border border-line px-2 py-0.5 hover:bg-bg" onClick={() => void act(item, item.command)}>
              {t('interrupted.again')}
            </button>
          )}
          <button type="button" disabled={busy !== null} className="rounded px-2 py-0.5 underline" onClick={() => void act(item, null)}>
            {t('interrupted.dismiss')}
          </button>
          {busy === item.name && <span aria-live="polite">{t('interrupted.working')}</span>}
        </div>
      ))}
      {error && <div className="text-bad">{error}</div>}
    </div>
  );
}
