import { defineConfig } from '@playwright/test';
import { E2E_BASE, E2E_PORT, E2E_TOKEN } from './e2e/env';

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: E2E_BASE,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  // E2E_EXTERNAL_SERVER=1: a server started by hand on the same port, token and env (for debugging, or
  // while another process holds the build lock). Normally Playwright starts `npm start`'s script itself.
  webServer: process.env.E2E_EXTERNAL_SERVER
    ? undefined
    : {
        command: 'node scripts/start.mjs',
        url: `${E2E_BASE}/api/health`,
        reuseExistingServer: false,
        timeout: 180_000,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          PORT: String(E2E_PORT),
          CNI_LAB_TOKEN: E2E_TOKEN,
          CNI_LAB_STATE_DIR: '.state/e2e',
          CNI_LAB_MODE: 'sim',
        },
      },
});
