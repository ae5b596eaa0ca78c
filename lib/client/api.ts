// Typed calls to the lab's HTTP API (lib/api/contract.ts). Errors arrive as ApiError.
import type { DoctorReport, JobSummary, RunResponse, ValidateFileResponse } from '@/lib/api/contract';
import { apiFetch } from './session';

const seg = encodeURIComponent;

export const api = {
  doctor: () => apiFetch<DoctorReport>('/api/doctor'),
  recheck: () => apiFetch<DoctorReport>('/api/doctor', { method: 'POST', body: {} }),
  setMode: (mode: 'live' | 'sim' | 'auto') => apiFetch<DoctorReport | unknown>('/api/mode', { method: 'POST', body: { mode } }),
  run: (command: string, lessonId?: string, stepId?: string) =>
    apiFetch<RunResponse>('/api/runs', { method: 'POST', body: { command, lessonId, stepId } }),
  runs: () => apiFetch<JobSummary[]>('/api/runs'),
  cancel: (jobId: string) => apiFetch<unknown>(`/api/runs/${seg(jobId)}/cancel`, { method: 'POST', body: {} }),
  fileUrl: (lessonId: string, name: string) => `/api/lessons/${seg(lessonId)}/files/${seg(name)}`,
  /** The file the server uses now; `edited` when it is the learner's saved copy. */
  async getFile(lessonId: string, name: string): Promise<{ text: string; edited: boolean }> {
    const res = await fetch(api.fileUrl(lessonId, name), { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return { text: await res.text(), edited: res.headers.get('x-cni-lab-edited') === '1' };
  },
  validateFile: (lessonId: string, name: string, content: string, signal?: AbortSignal) =>
    apiFetch<ValidateFileResponse>(`/api/lessons/${seg(lessonId)}/files/${seg(name)}/validate`, {
      method: 'POST',
      body: { content },
      signal,
    }),
  discardFile: (lessonId: string, name: string) =>
    apiFetch<unknown>(`/api/lessons/${seg(lessonId)}/files/${seg(name)}`, { method: 'DELETE', body: {} }),
  saveFile: (lessonId: string, name: string, content: string) =>
    apiFetch<unknown>(`/api/lessons/${seg(lessonId)}/files/${seg(name)}`, { method: 'PUT', body: { content } }),
};
