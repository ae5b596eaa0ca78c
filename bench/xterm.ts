// Browser end of the stream benchmark: how fast xterm.js 6 (the app's terminal) renders numbered
// output in Debian's Chromium when fed in SSE-sized chunks, and whether every line arrived exactly once.
import path from 'node:path';
import { chromium } from '@playwright/test';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function xtermThroughput(bytes = 10_000_000): Promise<{ mbPerSec: number; ok: boolean }> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent('<!doctype html><div id="t" style="width:900px;height:600px"></div>');
    const root = path.join(import.meta.dirname, '..', 'node_modules', '@xterm', 'xterm');
    await page.addStyleTag({ path: path.join(root, 'css', 'xterm.css') });
    await page.addScriptTag({ path: path.join(root, 'lib', 'xterm.js') });
    return await page.evaluate(async (total) => {
      const T = (globalThis as unknown as { Terminal: new (o: object) => { open(e: Element): void; write(d: string, cb?: () => void): void; buffer: { active: { length: number; getLine(i: number): { translateToString(t: boolean): string } | undefined } } } }).Terminal;
      const term = new T({ convertEol: true, scrollback: 5000, cols: 120 });
      term.open(document.getElementById('t')!);
      const pad = 'x'.repeat(100);
      let n = 0;
      let written = 0;
      const t0 = performance.now();
      // 64 KiB chunks, like the SSE events the job stream delivers; each write waits for xterm's callback.
      while (written < total) {
        let chunk = '';
        while (chunk.length < 65536) chunk += `${String(n++).padStart(9, '0')} ${pad}\n`;
        written += chunk.length;
        await new Promise<void>((r) => term.write(chunk, r));
      }
      const secs = (performance.now() - t0) / 1000;
      // The last screenful must hold the last numbers in order: nothing dropped or repeated at the end.
      const buf = term.buffer.active;
      const nums: number[] = [];
      for (let i = Math.max(0, buf.length - 200); i < buf.length; i++) {
        const s = buf.getLine(i)?.translateToString(true) ?? '';
        if (/^\d{9} /.test(s)) nums.push(Number(s.slice(0, 9)));
      }
      const ok = nums.length > 100 && nums.every((v, i) => i === 0 || v === nums[i - 1] + 1) && nums[nums.length - 1] === n - 1;
      return { mbPerSec: written / 1e6 / secs, ok };
    }, bytes);
  } finally {
    await browser.close();
  }
}
