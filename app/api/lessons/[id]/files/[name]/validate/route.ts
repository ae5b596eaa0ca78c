import { ValidateFileRequest } from '@/lib/api/contract';
import { apiError, json, readJson, requireSession } from '@/lib/api/http';
import { validateFileText } from '@/lib/lab/validate-file';
import { loadLesson } from '@/lib/lessons/loader';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(req: Request, ctx: { params: Promise<{ id: string; name: string }> }) {
  const denied = requireSession(req);
  if (denied) return denied;
  const { id, name } = await ctx.params;
  const meta = (await loadLesson(id))?.lesson.files.find((f) => f.name === name);
  if (!meta) return apiError(404, 'not-found', 'no such lesson file');
  const body = await readJson(req, ValidateFileRequest);
  if (!body.ok) return body.response;
  return json(validateFileText(meta.validator, body.value.content));
}
