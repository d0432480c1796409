// Only for compiling this package with Node's tsc (typecheck and the npm build's d.ts). It
// declares the few Deno types our signatures name, so the emitted declarations refer to the
// global `Deno` namespace, which Deno itself provides to every user of the package. It is not
// part of the published package and not visible to the other packages of the repository.
// `test/node-types.test.ts` checks these declarations against the real ones of Deno.

declare namespace Deno {
  interface NetAddr {
    transport: 'tcp' | 'udp';
    hostname: string;
    port: number;
  }
  interface UnixAddr {
    transport: 'unix' | 'unixpacket';
    path: string;
  }
  interface VsockAddr {
    transport: 'vsock';
    cid: number;
    port: number;
  }
  type Addr = NetAddr | UnixAddr | VsockAddr;
  interface ServeHandlerInfo<A extends Addr = Addr> {
    remoteAddr: A;
    completed: Promise<void>;
  }
}
