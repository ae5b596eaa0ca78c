import next from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...next,
  ...nextTs,
  { ignores: ['.next/**', 'node_modules/**', '.state/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'bench/.*'] }, // bench/.*: local scratch runners (git-ignored)
];
export default config;
