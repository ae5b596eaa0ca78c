'use client';
// Lesson files for the current step: view, download, and (for editable files) edit with live validation
// against the server's validator (kind's own rules and messages), then save the learner's copy.
import { useEffect, useRef, useState } from 'react';
import type { LessonFileMeta } from '@/lib/lessons/schema';
import type { Locale } from '@/lib/i18n/locale';
import type { Translate } from '@/lib/i18n/messages';
import { api } from '@/lib/client/api';

type Verdict = { state: 'ok' } | { state: 'bad'; errors: string[] } | { state: 'error'; message: string };
type Check = { state: 'idle' } | { state: 'checking' } | Verdict;

const btn = 'inline-flex h-7 items-center rounded-md border border-line px-2.5 text-xs font-medium hover:bg-panel-2 disabled:opacity-50';

export function LessonFiles({
  lessonId,
  files,
  contents,
  locale,
  t,
  canEdit,
}: {
  lessonId: string;
  files: LessonFileMeta[];
  contents: Record<string, string>;
  locale: Locale;
  t: Translate;
  canEdit: boolean;
}) {
  if (files.length === 0) return null;
  return (
    <section aria-labelledby="step-files" className="mt-6">
      <h3 id="step-files" className="text-sm font-semibold uppercase tracking-wide text-muted">
        {t('lesson.files')}
      </h3>
      <div className="mt-2 space-y-3">
        {files.map((f) => (
          <FileCard key={f.name} lessonId={lessonId} file={f} original={contents[f.name] ?? ''} locale={locale} t={t} canEdit={canEdit} />
        ))}
      </div>
    </section>
  );
}

function FileCard({
  lessonId,
  file,
  original,
  locale,
  t,
  canEdit,
}: {
  lessonId: string;
  file: LessonFileMeta;
  original: string;
  locale: Locale;
  t: Translate;
  canEdit: boolean;
}) {
  // What the server uses now: the learner's saved copy if there is one, else the lesson's file.
  const [saved, setSaved] = useState(original);
  const [edited, setEdited] = useState(false);
  const [draft, setDraft] = useState(original);
  const [editing, setEditing] = useState(false);
  // The last verdict and the text it was for; a verdict for older text means a check is pending.
  const [verdict, setVerdict] = useState<{ for: string; v: Verdict } | null>(null);
  const [saveMsg, setSaveMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!canEdit) return;
    let live = true;
    api
      .getFile(lessonId, file.name)
      .then(({ text, edited }) => {
        if (!live) return;
        setSaved(text);
        setEdited(edited);
        setDraft((d) => (d === original ? text : d));
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [canEdit, lessonId, file.name, original]);

  // Debounced validation while editing.
  useEffect(() => {
    if (!editing || file.validator === 'none') return;
    const timer = setTimeout(() => {
      abort.current?.abort();
      const ac = new AbortController();
      abort.current = ac;
      api
        .validateFile(lessonId, file.name, draft, ac.signal)
        .then((r) => setVerdict({ for: draft, v: r.ok ? { state: 'ok' } : { state: 'bad', errors: r.errors } }))
        .catch((e: Error) => {
          if (e.name !== 'AbortError') setVerdict({ for: draft, v: { state: 'error', message: e.message } });
        });
    }, 400);
    return () => clearTimeout(timer);
  }, [draft, editing, file.validator, file.name, lessonId]);

  const save = async () => {
    setSaving(true);
    setSaveMsg(null);
    try {
      await api.saveFile(lessonId, file.name, draft);
      setSaved(draft);
      setEdited(true);
      setSaveMsg({ ok: true, text: t('files.saved', { name: file.name }) });
    } catch (e) {
      setSaveMsg({ ok: false, text: t('files.saveFailed', { message: (e as Error).message }) });
    } finally {
      setSaving(false);
    }
  };

  const revert = async () => {
    setSaveMsg(null);
    if (edited) {
      try {
        await api.discardFile(lessonId, file.name);
      } catch (e) {
        setSaveMsg({ ok: false, text: t('files.saveFailed', { message: (e as Error).message }) });
        return;
      }
      setEdited(false);
      setSaved(original);
      setSaveMsg({ ok: true, text: t('files.reverted') });
    }
    setDraft(original);
  };

  const dirty = draft !== saved;
  const check: Check =
    !editing || file.validator === 'none' ? { state: 'idle' } : verdict && verdict.for === draft ? verdict.v : { state: 'checking' };
  return (
    <div className="overflow-hidden rounded-lg border border-line bg-panel" data-testid={`file-${file.name}`}>
      <div className="flex flex-wrap items-center gap-2 border-b border-line px-3 py-2">
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <span className="truncate font-mono text-sm font-medium">{file.name}</span>
            {edited && <span className="shrink-0 rounded-full bg-warn-bg px-2 text-[11px] font-semibold text-warn">{t('files.yourCopy')}</span>}
          </div>
          <div className="truncate text-xs text-muted">{file.title[locale]}</div>
        </div>
        <a className={btn} href={api.fileUrl(lessonId, file.name)} download={file.name}>
          {t('files.download')}
        </a>
        {file.editable && (
          <button type="button" className={btn} aria-pressed={editing} onClick={() => setEditing((v) => !v)} disabled={!canEdit}>
            {editing ? t('files.view') : t('files.edit')}
          </button>
        )}
      </div>
      {!editing ? (
        <pre tabIndex={0} className="max-h-72 overflow-auto bg-code-bg px-3 py-2 font-mono text-[12.5px] leading-5">
          {saved}
        </pre>
      ) : (
        <div className="p-2">
          <textarea
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              setSaveMsg(null);
            }}
            aria-label={t('files.editorLabel', { name: file.name })}
            aria-describedby={`check-${file.name}`}
            spellCheck={false}
            rows={Math.min(24, Math.max(8, draft.split('\n').length + 1))}
            className="w-full resize-y rounded-md border border-line bg-code-bg p-2 font-mono text-[12.5px] leading-5"
          />
          <div id={`check-${file.name}`} aria-live="polite" className="mt-1 text-xs" data-testid="file-check">
            {check.state === 'checking' && <span className="text-muted">{t('files.checking')}</span>}
            {check.state === 'ok' && <span className="text-ok">✓ {t('files.valid')}</span>}
            {check.state === 'error' && <span className="text-bad">{check.message}</span>}
            {check.state === 'bad' && (
              <div className="text-bad">
                <div>{t('files.invalid')}</div>
                <pre className="mt-1 whitespace-pre-wrap rounded bg-bad-bg p-2 font-mono text-[12px]">{check.errors.join('\n')}</pre>
              </div>
            )}
          </div>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <button
              type="button"
              onClick={() => void save()}
              disabled={!dirty || saving || check.state === 'bad' || check.state === 'checking'}
              className="inline-flex h-7 items-center rounded-md bg-accent px-3 text-xs font-semibold text-accent-fg disabled:opacity-50"
            >
              {saving ? t('files.saving') : t('files.save')}
            </button>
            <button type="button" className={btn} onClick={() => void revert()} disabled={draft === original && !edited}>
              {t('files.revert')}
            </button>
            {saveMsg && (
              <span role="status" className={saveMsg.ok ? 'text-xs text-ok' : 'text-xs text-bad'}>
                {saveMsg.text}
              </span>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
