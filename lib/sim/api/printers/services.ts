// Service networking tables: services, endpoints, endpointslices, networkpolicies, ingresses.
import { formatLabelSelector, formatLabels } from '../selectors';
import { AGE_COL, NAME_COL, age, col, type AnyObj, type Printer, arr } from './common';

function lbIngress(svc: AnyObj): string[] {
  return arr(svc.status?.loadBalancer?.ingress).map((i: AnyObj) => i?.ip || i?.hostname).filter(Boolean);
}

function externalIP(svc: AnyObj): string {
  const spec = svc.spec ?? {};
  const ext: string[] = arr(spec.externalIPs);
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const all = [...lbIngress(svc), ...ext];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

export function servicePorts(ports: AnyObj[] | undefined): string {
  if (!ports?.length) return '<none>';
  return ports
    .map((p) => {
      const proto = p?.protocol ?? 'TCP';
      return p?.nodePort > 0 ? `${p.port}:${p.nodePort}/${proto}` : `${p?.port}/${proto}`;
    })
    .join(',');
}

export const servicePrinter: Printer = {
  columns: [
    NAME_COL,
    col('Type', 'The type of the service.'),
    col('Cluster-IP', 'The IP address of the service.'),
    col('External-IP', 'The external IP address of the service.'),
    col('Port(s)', 'The ports of the service.'),
    AGE_COL,
    col('Selector', 'Route service traffic to pods with label keys and values matching this selector.', { priority: 1 }),
  ],
  cells(svc, now) {
    const spec = svc.spec ?? {};
    return [svc.metadata?.name ?? '', spec.type ?? 'ClusterIP', spec.clusterIP || '<none>', externalIP(svc), servicePorts(spec.ports), age(svc, now), formatLabels(spec.selector)];
  },
};

export function formatEndpoints(ep: AnyObj): string {
  const subsets: AnyObj[] = arr(ep.subsets);
  if (!subsets.length) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs: AnyObj[] = arr(ss?.addresses);
    const ports: AnyObj[] = arr(ss?.ports);
    if (!ports.length) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a?.ip);
      }
      continue;
    }
    for (const p of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        const ip = String(a?.ip ?? '');
        list.push(ip.includes(':') ? `[${ip}]:${p?.port}` : `${ip}:${p?.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsPrinter: Printer = {
  columns: [NAME_COL, col('Endpoints', 'Endpoints of the service'), AGE_COL],
  cells: (ep, now) => [ep.metadata?.name ?? '', formatEndpoints(ep), age(ep, now)],
};

export const endpointSlicePrinter: Printer = {
  columns: [NAME_COL, col('AddressType', 'addressType specifies the type of address carried by this EndpointSlice.'), col('Ports', 'ports specifies the list of network ports exposed by each endpoint in this slice.'), col('Endpoints', 'endpoints is a list of unique endpoints in this slice.'), AGE_COL],
  cells(es, now) {
    const ports: AnyObj[] = arr(es.ports);
    const portStr = ports.length ? ports.map((p) => (p?.port == null ? '<unset>' : String(p.port))).join(',') : '<unset>';
    const addrs: string[] = [];
    let total = 0;
    for (const e of arr(es.endpoints)) for (const a of arr(e?.addresses)) {
      total++;
      if (addrs.length < 3) addrs.push(a);
    }
    let eps = addrs.length ? addrs.join(',') : '<unset>';
    if (total > 3) eps += ` + ${total - 3} more...`;
    return [es.metadata?.name ?? '', es.addressType ?? '', portStr, eps, age(es, now)];
  },
};

export const networkPolicyPrinter: Printer = {
  columns: [NAME_COL, col('Pod-Selector', 'Selects the pods to which this NetworkPolicy object applies.'), AGE_COL],
  cells: (np, now) => {
    const sel = formatLabelSelector(np.spec?.podSelector ?? {});
    return [np.metadata?.name ?? '', sel, age(np, now)];
  },
};

export const ingressPrinter: Printer = {
  columns: [NAME_COL, col('Class', 'ingressClassName is the name of an IngressClass cluster resource.'), col('Hosts', 'Hosts that incoming requests are matched against.'), col('Address', 'Address is a list containing ingress points for the load-balancer'), col('Ports', 'Ports of TLS configurations that open'), AGE_COL],
  cells(ing, now) {
    const hosts = arr(ing.spec?.rules).map((r: AnyObj) => r?.host).filter(Boolean);
    const addr = lbIngress(ing).join(',');
    return [ing.metadata?.name ?? '', ing.spec?.ingressClassName || '<none>', hosts.length ? hosts.join(',') : '*', addr, ing.spec?.tls?.length ? '80, 443' : '80', age(ing, now)];
  },
};
