// A loopback HTTP server whose answers a test writes by hand (a handler per request), for what the sandbox does not
// do: echo the Authorization header back, send only keep-alive comments, trickle a body, never end a line.
import { createServer } from "node:http";

/** Start a server that answers each request with `handler(request, response)`; its base URL and `close()`. */
export async function localServer(handler) {
  const sockets = new Set();
  const server = createServer((request, response) => {
    handler(request, response);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Write `chunk` every `ms` until the client goes away; returns a function that stops it. */
export function every(response, ms, chunk) {
  const timer = setInterval(() => {
    if (response.destroyed || response.writableEnded) clearInterval(timer);
    else response.write(chunk);
  }, ms);
  response.on("close", () => clearInterval(timer));
  return () => clearInterval(timer);
}

/** `promise`, or a rejection after `ms` naming `what` (so that a hang fails the test instead of stalling it). */
export function within(ms, what, promise) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still running after ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}
