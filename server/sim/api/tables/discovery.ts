import { since } from './humanDuration.ts';
import { ageColumn, column, nameColumn, type Printer } from './printer.ts';

interface SlicePort {
  name?: string | null;
  port?: number | null;
}

interface SliceEndpoint {
  addresses?: string[];
}

/**
 * listWithMoreString (pkg/printers/internalversion): the first three, then "+ N more...";
 * an empty list prints as <unset>.
 */
function listWithMore(items: string[]): string {
  const max = 3;
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown || '<unset>';
}

/** printEndpointSlice: NAME, ADDRESSTYPE, PORTS (a port without a number prints its name, else *), ENDPOINTS, AGE. */
export const endpointSlicePrinter: Printer = {
  columns: [
    nameColumn(),
    column('AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.'),
    column('Ports', 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates "all ports". Each slice may include a maximum of 100 ports.'),
    column('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.'),
    ageColumn(),
  ],
  cells(o, now) {
    const ports = ((o.ports ?? []) as SlicePort[]).map((p) => (typeof p.port === 'number' ? String(p.port) : (p.name ?? '*')));
    const addresses = ((o.endpoints ?? []) as SliceEndpoint[]).flatMap((e) => e.addresses ?? []);
    return [o.metadata.name, String(o.addressType ?? ''), listWithMore(ports), listWithMore(addresses), since(o.metadata.creationTimestamp, now)];
  },
};
