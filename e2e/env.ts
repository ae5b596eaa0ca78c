// Fixed values shared by playwright.config.ts and the specs. The token is for the throw-away e2e server only.
// E2E_PORT overrides the port (with E2E_EXTERNAL_SERVER, to test against a hand-started server).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3217);
export const E2E_BASE = `http://127.0.0.1:${E2E_PORT}`;
/** 43 characters, like a real base64url launch token. */
export const E2E_TOKEN = 'cnilab-e2e-0123456789abcdefghijklmnopqrstuv';
