// Accept / Content-Type negotiation (the media type parameters are what clients key on).

export interface MediaType {
  type: string;
  params: Record<string, string>;
}

export function parseMediaTypes(header: string | undefined): MediaType[] {
  if (!header) return [];
  return header.split(',').map((part) => {
    const [type, ...ps] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of ps) {
      const i = p.indexOf('=');
      if (i > 0) params[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim().replace(/^"|"$/g, '');
    }
    return { type: type.toLowerCase(), params };
  });
}

export const TABLE_CT = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** The Table version asked for (v1 or v1beta1), if any. */
export function wantsTable(accept: string | undefined): 'v1' | 'v1beta1' | undefined {
  for (const m of parseMediaTypes(accept)) {
    if (m.params.as === 'Table' && m.params.g === 'meta.k8s.io' && (m.params.v === 'v1' || m.params.v === 'v1beta1')) return m.params.v;
  }
  return undefined;
}

/** includeObject query parameter for tables (None|Metadata|Object). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

export type DiscoveryFormat = 'v2' | 'v2beta1' | 'legacy';

export function discoveryFormat(accept: string | undefined): DiscoveryFormat {
  const types = parseMediaTypes(accept).filter((m) => m.params.g === 'apidiscovery.k8s.io' && m.params.as === 'APIGroupDiscoveryList' && !m.params.profile);
  if (types.some((m) => m.params.v === 'v2')) return 'v2';
  if (types.some((m) => m.params.v === 'v2beta1')) return 'v2beta1';
  return 'legacy';
}

export function discoveryContentType(f: Exclude<DiscoveryFormat, 'legacy'>): string {
  return `application/json;g=apidiscovery.k8s.io;v=${f};as=APIGroupDiscoveryList`;
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export function patchType(contentType: string | undefined): PatchType | undefined {
  const t = parseMediaTypes(contentType)[0]?.type;
  switch (t) {
    case 'application/json-patch+json':
      return 'json';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+json':
    case 'application/apply-patch+cbor':
      return 'apply';
    default:
      return undefined;
  }
}
