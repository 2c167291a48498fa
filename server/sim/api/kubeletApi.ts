import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Controller } from '../context.ts';
import type { KubeObject } from '../../kube/object.ts';

/**
 * What the API server needs from the kubelet (H4's `Kubelet` in ../kubelet/index.ts has
 * this shape); declared here so the router compiles against the contract alone.
 */
export interface KubeletApi extends Controller {
  serveLog(req: IncomingMessage, res: ServerResponse, pod: KubeObject, query: URLSearchParams): void;
  serveStream(kind: 'exec' | 'attach', req: IncomingMessage, socket: Duplex, head: Buffer, pod: KubeObject, query: URLSearchParams): void;
  /** pods/NAME/portforward over SPDY, SPDY-in-websocket or the channel websocket protocol. */
  servePortForward(req: IncomingMessage, socket: Duplex, head: Buffer, pod: KubeObject, query: URLSearchParams): void;
  podMetrics(pod: KubeObject): { name: string; usage: { cpu: string; memory: string } }[] | undefined;
  nodeMetrics(node: KubeObject): { cpu: string; memory: string } | undefined;
  activeSessions(): number;
  /** An HTTP request carried to a pod's port over the pod network (the API server's proxy has resolved pod and port). */
  proxyToPod(req: IncomingMessage, res: ServerResponse, pod: KubeObject, port: number, target: string): void;
  /** The kubelet's own HTTP server on a node (:10250): /healthz, /metrics, /stats/summary, /configz, /pods, /logs/. */
  serveNodeEndpoint(req: IncomingMessage, res: ServerResponse, node: KubeObject, target: string): void;
}
