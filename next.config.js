// Next.js config. compress is off: gzip buffers Server-Sent Events (see security brief, streaming).
/** @type {import('next').NextConfig} */
const nextConfig = {
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ['@kubernetes/client-node', '@peculiar/x509'],
  outputFileTracingIncludes: { '/*': ['./lessons/**/*'] },
};
module.exports = nextConfig;
