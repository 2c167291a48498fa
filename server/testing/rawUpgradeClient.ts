/** Test support: a raw TCP client for upgrades, to send exact request heads and see every byte that comes back. */
import net from 'node:net';

export interface RawUpgradeClient {
  socket: net.Socket;
  /** Resolves when the server ends the connection (FIN). */
  ended: Promise<void>;
  /** Resolves with the response head (status line and headers) once it has arrived. */
  head(): Promise<string>;
  /** Resolves with everything after the head once it is at least `n` bytes. */
  after(n: number): Promise<Buffer>;
  /** Everything after the head so far. */
  body(): Buffer;
}

export function rawUpgradeClient(port: number, requestHead: string): RawUpgradeClient {
  const socket = net.connect(port, '127.0.0.1');
  socket.write(requestHead);
  let received = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
  socket.on('error', () => socket.destroy());
  const ended = new Promise<void>((r) => socket.once('end', r));
  const headEnd = () => received.indexOf('\r\n\r\n');
  const nextChunk = () => new Promise((r) => socket.once('data', r));
  return {
    socket,
    ended,
    async head() {
      while (headEnd() === -1) await nextChunk();
      return received.subarray(0, headEnd()).toString('latin1');
    },
    async after(n) {
      while (headEnd() === -1 || received.length - headEnd() - 4 < n) await nextChunk();
      return received.subarray(headEnd() + 4);
    },
    body: () => (headEnd() === -1 ? Buffer.alloc(0) : received.subarray(headEnd() + 4)),
  };
}
