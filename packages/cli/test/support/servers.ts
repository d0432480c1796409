// Loopback servers for the tests: started on free ports, always closed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';

export interface Running {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

export async function listen(server: Server, host = '127.0.0.1'): Promise<Running> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function start(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Running> {
  return listen(createServer(handler));
}

/** A Fetch API handler on node:http, for the servers built with @portcullis/core. */
export async function toFetch(req: IncomingMessage, res: ServerResponse, handler: (request: Request) => Response | Promise<Response>): Promise<void> {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const response = await handler(new Request(`http://${req.headers.host}${req.url}`, { method: req.method ?? 'GET', headers }));
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) out[name] = value;
  res.writeHead(response.status, out);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** A request target's first line, from the raw bytes Node's parser refused. */
export function requestLine(error: Error & { rawPacket?: Buffer }): string {
  return error.rawPacket?.toString('latin1').split('\r\n')[0] ?? '';
}

export interface RawServer {
  readonly url: string;
  readonly port: number;
  /** Every request's bytes as received (latin1), one entry per connection. */
  readonly received: string[];
  close(): Promise<void>;
}

/**
 * A server that speaks bytes, not HTTP: for each connection it waits until `complete` says the
 * request is all there, records it, writes `answer(request)` as latin1 and closes. For answers
 * node:http would refuse to send, and for seeing exactly what a client put on the wire.
 */
export async function rawServer(
  answer: (request: string) => string,
  complete: (received: string) => boolean = (received) => received.includes('\r\n\r\n'),
): Promise<RawServer> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let bytes = '';
    let answered = false;
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.toString('latin1');
      if (answered || !complete(bytes)) return;
      answered = true;
      received.push(bytes);
      socket.end(Buffer.from(answer(bytes), 'latin1'));
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
