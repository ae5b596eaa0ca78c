// cni-lab's HTTP server: one guard (lib/security/guard.ts) in front of Next.js for every request,
// bound to 127.0.0.1 only. Started by scripts/start.mjs (`npm start`), which passes PORT and the
// per-launch token. Not bundled by Next, so it must not import 'server-only' modules.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { guard } from './lib/security/guard';
import { stopEverything } from './lib/lab/shutdown';

const port = Number(process.env.PORT ?? '3000');
const token = process.env.CNI_LAB_TOKEN ?? '';
const dev = process.argv.includes('--dev');
if (token.length < 16) {
  console.error('cni-lab: start the server with `npm start` (CNI_LAB_TOKEN is missing).');
  process.exit(2);
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function refuse(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: { code: 'forbidden', message } }));
}

function classify(req: IncomingMessage): { path: string } | { error: string } {
  const url = req.url ?? '';
  // Only origin-form targets; absolute-form and "//" would confuse path checks.
  if (!url.startsWith('/') || url.startsWith('//')) return { error: 'malformed request target' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(`http://127.0.0.1${url}`).pathname);
  } catch {
    return { error: 'malformed request target' };
  }
  // Classify case-insensitively so "/%41PI/…" or "/API/…" can never slip past the API rules.
  const lower = pathname.toLowerCase();
  return { path: lower.startsWith('/api') ? lower : pathname };
}

async function main() {
  const app = next({ dev, hostname: '127.0.0.1', port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    delete req.headers['x-middleware-subrequest'];
    const target = classify(req);
    if ('error' in target) return refuse(res, 400, target.error);
    const verdict = guard({ method: req.method ?? 'GET', path: target.path, headers: req.headers }, { port, token });
    if (!verdict.ok) return refuse(res, verdict.status, verdict.reason);
    if (target.path.startsWith('/api')) {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    }
    void handle(req, res);
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 0; // streams are long-lived; heartbeats keep them alive

  server.listen(port, '127.0.0.1', () => {
    const addr = server.address();
    if (!addr || typeof addr === 'string' || addr.address !== '127.0.0.1') {
      console.error('cni-lab: refusing to run: the server is not bound to 127.0.0.1');
      process.exit(1);
    }
    console.log(`\ncni-lab is ready. Open this link (it carries your access token):\n\n  http://127.0.0.1:${port}/#k=${token}\n`);
    console.log('Press Ctrl+C to stop. Processes the lab started are stopped with it.');
  });

  let closing = false;
  const shutdown = async (why: string) => {
    if (closing) return;
    closing = true;
    console.log(`\ncni-lab: stopping (${why})…`);
    await stopEverything();
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));
  process.on('uncaughtException', (err) => {
    console.error('cni-lab: unexpected error:', err);
    void stopEverything().finally(() => process.exit(1));
  });
}

void main();
