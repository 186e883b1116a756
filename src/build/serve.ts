/**
 * `tei-edition serve`: build, serve the web edition on localhost, build again when a source
 * changes (fs.watch, debounced; one build at a time), and tell open pages to reload
 * (server-sent events). The reload script is added to HTML as it is served, never to the
 * files of the edition.
 *
 * It answers only requests addressed to a localhost name (Host: localhost, *.localhost,
 * 127.0.0.1, [::1], or the --host it listens on), so a web page whose name was made to point
 * at 127.0.0.1 (DNS rebinding) cannot read the edition or its event stream; and serves only
 * files that are inside the edition's folder once links are followed.
 */
import { createReadStream, existsSync, readFileSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Emit } from './events.js';
import { buildEdition, type BuildOptions } from './pipeline.js';

export const EVENTS_PATH = '/__tei-edition/events';

const RELOAD_SCRIPT = `<script>(function () { var s = new EventSource(${JSON.stringify(EVENTS_PATH)}); s.addEventListener('reload', function () { location.reload(); }); })();</script>`;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The host name of a Host header ("name:port", "[v6]:port"), lower case; null when it is not one. */
function hostName(header: string): string | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s]+)(?::\d{1,5})?$/i.exec(header.trim());
  return m ? m[1]!.toLowerCase().replace(/\.$/, '') : null;
}

/** Whether a Host header names this machine: localhost, *.localhost, 127.x.y.z, [::1], or the host listened on. */
export function isLocalHost(header: string | undefined, listening?: string): boolean {
  if (!header) return false;
  const name = hostName(header);
  if (!name) return false;
  if (name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name)) return true;
  if (!listening || ['0.0.0.0', '::', '[::]'].includes(listening)) return false;
  const own = listening.includes(':') && !listening.startsWith('[') ? `[${listening.toLowerCase()}]` : listening.toLowerCase();
  return name === own;
}

/** The page with the reload script before </body> (or at the end). */
export function withReloadScript(html: string): string {
  const at = html.lastIndexOf('</body>');
  return at >= 0 ? html.slice(0, at) + RELOAD_SCRIPT + html.slice(at) : html + RELOAD_SCRIPT;
}

export interface ServeOptions {
  build: Omit<BuildOptions, 'emit'>;
  emit: Emit;
  port: number;
  host: string;
  log: (line: string) => void;
  /** Quiet time after a change before building (ms). */
  debounce?: number;
}

export interface EditionServer {
  url: string;
  close(): Promise<void>;
}

export async function serveEdition(options: ServeOptions): Promise<EditionServer> {
  const root = options.build.htmlOut;
  const clients = new Set<ServerResponse>();
  let building: Promise<void> | null = null;
  let again = false;
  const build = async () => {
    const report = await buildEdition({ ...options.build, emit: options.emit }).catch((error: Error) => {
      options.log(`build failed: ${error.message}`);
      return null;
    });
    if (report?.updated.length) for (const c of clients) c.write(`event: reload\ndata: ${Date.now()}\n\n`);
  };
  const rebuild = () => {
    if (building) {
      again = true;
      return;
    }
    building = build().finally(() => {
      building = null;
      if (again) {
        again = false;
        rebuild();
      }
    });
  };
  await build();

  const server = createServer((req, res) => {
    if (!isLocalHost(req.headers.host, options.host)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('tei-edition serve answers only requests to localhost (the Host header names another host)\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === EVENTS_PATH) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: /${rel}`);
      return;
    }
    // A link inside the edition that leads out of it is not followed.
    const real = realpathSync(file);
    const realRoot = realpathSync(root);
    if (!real.startsWith(realRoot + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    const type = types[path.extname(file)] ?? 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'no-store' };
    if (file.endsWith('.html')) res.writeHead(200, headers).end(withReloadScript(readFileSync(file, 'utf8')));
    else {
      res.writeHead(200, headers);
      createReadStream(file).pipe(res);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/`;

  // Watch what the edition is built from; a burst of changes makes one build.
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  const changed = (name?: string | null) => {
    if (name && /(^|[/\\])\.|\.tmp$|~$/.test(name)) return;
    clearTimeout(timer);
    timer = setTimeout(rebuild, options.debounce ?? 150);
  };
  const watched = [options.build.tei, options.build.transcripts, options.build.persons, options.build.config.file].filter((p): p is string => Boolean(p));
  for (const target of new Set(watched)) {
    if (!existsSync(target)) continue;
    const dir = statSync(target).isDirectory();
    try {
      watchers.push(watch(dir ? target : path.dirname(target), { recursive: dir }, (_event, name) => (dir || name === path.basename(target) ? changed(name) : undefined)));
    } catch {
      watchers.push(watch(dir ? target : path.dirname(target), (_event, name) => changed(name)));
    }
  }
  options.log(`serving ${root} at ${url} (rebuilds on change; Ctrl-C stops)`);
  return {
    url,
    close: async () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      for (const c of clients) c.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (building) await building;
    },
  };
}
