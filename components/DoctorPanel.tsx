'use client';
// The environment report: Docker CLI and daemon, kind, kubectl (version or "missing"), install hints,
// the current mode and why, a mode switch and a re-check button.
import type { DoctorReport, ToolStatus } from '@/lib/api/contract';
import type { Locale } from '@/lib/i18n/locale';
import { translator, type Translate } from '@/lib/i18n/messages';
import { useLab } from './LabProvider';

type Choice = 'auto' | 'live' | 'sim';

function Row({ name, ok, detail, t }: { name: string; ok: boolean; detail?: string; t: Translate }) {
  return (
    <li className="flex items-baseline gap-2 py-0.5">
      <span aria-hidden className={ok ? 'text-ok' : 'text-bad'}>
        {ok ? '●' : '○'}
      </span>
      <span className="w-28 shrink-0 font-medium">{name}</span>
      <span className={`min-w-0 truncate font-mono text-xs ${ok ? 'text-muted' : 'text-bad'}`} title={detail}>
        {detail ?? (ok ? '' : t('doctor.missing'))}
      </span>
    </li>
  );
}

/** Hint texts mark commands with backticks; show those as code (no Markdown or HTML otherwise). */
function withCode(text: string) {
  return text.split('`').map((part, i) => (i % 2 ? <code key={i} className="rounded bg-code-bg px-1 font-mono">{part}</code> : part));
}

const toolDetail = (s: ToolStatus, t: Translate) => (s.found ? s.version ?? s.path ?? '' : s.error ? `${t('doctor.missing')} (${s.error})` : t('doctor.missing'));

export function DoctorPanel({ locale, compact = false }: { locale: Locale; compact?: boolean }) {
  const t = translator(locale);
  const { session, doctor, doctorError, doctorBusy, refreshDoctor, setMode } = useLab();
  const disabled = session.status !== 'ok' || doctorBusy;

  return (
    <section aria-labelledby="doctor-heading" data-testid="doctor-panel" className="text-sm">
      <div className="flex items-center gap-2">
        <h2 id="doctor-heading" className={compact ? 'sr-only' : 'font-semibold'}>
          {t('doctor.heading')}
        </h2>
        <button
          type="button"
          onClick={() => void refreshDoctor(true)}
          disabled={disabled}
          className="ml-auto rounded-md border border-line px-2 py-0.5 text-xs hover:bg-panel-2 disabled:opacity-50"
        >
          {doctorBusy ? t('doctor.checking') : t('doctor.recheck')}
        </button>
      </div>
      {doctorError && (
        <p role="alert" className="mt-2 text-bad">
          {t('doctor.loadFailed', { message: doctorError })}
        </p>
      )}
      {!doctor && !doctorError && <p className="mt-2 text-muted">{session.status === 'pending' ? t('auth.checking') : t('mode.unknown')}</p>}
      {doctor && <Report doctor={doctor} t={t} locale={locale} disabled={disabled} setMode={setMode} />}
    </section>
  );
}

function Report({
  doctor,
  t,
  locale,
  disabled,
  setMode,
}: {
  doctor: DoctorReport;
  t: Translate;
  locale: Locale;
  disabled: boolean;
  setMode: (m: Choice) => Promise<void>;
}) {
  const choice: Choice = doctor.modeReason === 'override' ? doctor.mode : 'auto';
  const d = doctor.docker.daemon;
  const modes: Array<[Choice, string]> = [
    ['auto', t('doctor.modeAuto')],
    ['live', t('doctor.modeLive')],
    ['sim', t('doctor.modeSim')],
  ];
  return (
    <div className="mt-2 space-y-3">
      <div data-testid="doctor-mode" data-mode={doctor.mode} className="space-y-1.5">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-muted">{t('doctor.mode')}:</span>
          <strong className={doctor.mode === 'sim' ? 'text-sim' : 'text-live'}>{doctor.mode === 'sim' ? t('mode.sim') : t('mode.live')}</strong>
        </div>
        <p className="text-xs text-muted">{t(`doctor.reason.${doctor.modeReason}`)}</p>
        <fieldset className="flex overflow-hidden rounded-md border border-line text-xs" disabled={disabled}>
          <legend className="sr-only">{t('doctor.mode')}</legend>
          {modes.map(([m, label]) => (
            <label
              key={m}
              className={`flex-1 cursor-pointer px-2 py-1 text-center has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent ${
                choice === m ? 'bg-accent text-accent-fg' : 'hover:bg-panel-2'
              } ${m === 'live' && !doctor.liveAvailable ? 'opacity-50' : ''}`}
            >
              <input
                type="radio"
                name="lab-mode"
                value={m}
                checked={choice === m}
                disabled={m === 'live' && !doctor.liveAvailable}
                onChange={() => void setMode(m)}
                className="sr-only"
              />
              {label}
            </label>
          ))}
        </fieldset>
        {!doctor.liveAvailable && (
          <p role="note" className="rounded-md bg-sim-bg px-2 py-1.5 text-xs text-sim">
            {t('doctor.liveUnavailable')}
          </p>
        )}
      </div>
      <ul aria-label={t('doctor.heading')}>
        <Row name={t('doctor.dockerCli')} ok={doctor.docker.cli.found} detail={toolDetail(doctor.docker.cli, t)} t={t} />
        <Row
          name={t('doctor.dockerDaemon')}
          ok={d.running}
          detail={d.running ? (d.version ?? t('doctor.running')) : d.error ? `${t('doctor.notRunning')} (${d.error})` : t('doctor.notRunning')}
          t={t}
        />
        <Row name={t('doctor.kind')} ok={doctor.kind.found} detail={toolDetail(doctor.kind, t)} t={t} />
        <Row name={t('doctor.kubectl')} ok={doctor.kubectl.found} detail={toolDetail(doctor.kubectl, t)} t={t} />
      </ul>
      {doctor.hints.length > 0 && (
        <div>
          <h3 className="text-xs font-semibold text-muted">{t('doctor.install')}</h3>
          <ul className="mt-1 space-y-1 text-xs">
            {doctor.hints.map((h) => (
              <li key={h.tool}>
                <span className="font-mono">{h.tool}</span>: {withCode(h.text[locale])}{' '}
                {/^https?:\/\//.test(h.url) && (
                  <a href={h.url} target="_blank" rel="noopener noreferrer" className="text-accent underline">
                    {h.url.replace(/^https?:\/\//, '')}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="text-xs text-muted">{t('doctor.checkedAt', { time: new Date(doctor.checkedAt).toLocaleTimeString(locale) })}</p>
    </div>
  );
}
