// A lesson file: download (GET) and save the learner's edit (PUT, validated first) or discard it (DELETE).
import { SaveFileRequest } from '@/lib/api/contract';
import { apiError, json, readJson, requireSession } from '@/lib/api/http';
import { discardEditedFile, resolveLessonFile, saveEditedFile } from '@/lib/lab/lesson-files';
import { validateFileText } from '@/lib/lab/validate-file';
import { loadLesson } from '@/lib/lessons/loader';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string; name: string }> };

export async function GET(req: Request, ctx: Ctx) {
  const denied = requireSession(req);
  if (denied) return denied;
  const { id, name } = await ctx.params;
  const url = new URL(req.url);
  const file = await resolveLessonFile(id, name);
  if (!file) return apiError(404, 'not-found', 'no such lesson file');
  const content = url.searchParams.get('original') === '1' ? ((await loadLesson(id))?.files[name] ?? file.content) : file.content;
  return new Response(content, {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.name}"`,
      'X-CNI-Lab-Edited': file.edited ? '1' : '0',
      'Cache-Control': 'no-store',
    },
  });
}

export async function PUT(req: Request, ctx: Ctx) {
  const denied = requireSession(req);
  if (denied) return denied;
  const { id, name } = await ctx.params;
  const loaded = await loadLesson(id);
  const meta = loaded?.lesson.files.find((f) => f.name === name);
  if (!loaded || !meta) return apiError(404, 'not-found', 'no such lesson file');
  if (!meta.editable) return apiError(403, 'read-only', `${name} is not editable in this lesson`);
  const body = await readJson(req, SaveFileRequest);
  if (!body.ok) return body.response;
  const verdict = validateFileText(meta.validator, body.value.content);
  if (!verdict.ok) return json(verdict, 422);
  await saveEditedFile(id, name, body.value.content);
  return json({ ok: true });
}

export async function DELETE(req: Request, ctx: Ctx) {
  const denied = requireSession(req);
  if (denied) return denied;
  const { id, name } = await ctx.params;
  if (!(await resolveLessonFile(id, name))) return apiError(404, 'not-found', 'no such lesson file');
  await discardEditedFile(id, name);
  return json({ ok: true });
}
