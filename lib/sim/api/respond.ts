// Response helpers: JSON bodies, Status errors, streamed lists.
import type { ServerResponse } from 'node:http';
import { ApiError } from '../store/types';
import { statusBody } from './status';

export function sendJSON(res: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, e: ApiError): void {
  sendJSON(res, e.code, statusBody(e));
}

export function sendText(res: ServerResponse, code: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Writes `{...head, [field]: [items…]}` in chunks so large lists are never one giant string. */
export function sendStreamedList(res: ServerResponse, head: Record<string, unknown>, field: string, items: unknown[], contentType: string): void {
  res.writeHead(200, { 'Content-Type': contentType });
  const headText = JSON.stringify({ ...head, [field]: [] });
  const marker = `"${field}":[]`;
  const idx = headText.lastIndexOf(marker);
  const suffix = headText.slice(idx + marker.length);
  let buf = headText.slice(0, idx + field.length + 3) + '[';
  for (let i = 0; i < items.length; i++) {
    buf += (i ? ',' : '') + JSON.stringify(items[i]);
    if (buf.length > 256 * 1024) {
      res.write(buf);
      buf = '';
    }
  }
  buf += ']' + suffix;
  res.end(buf);
}
