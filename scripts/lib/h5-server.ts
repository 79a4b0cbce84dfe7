import { existsSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import serveStatic from 'serve-static';
import { StackStartError } from './errors';
import { assertPortFree } from './ports';

/**
 * Serves the H5 build and forwards /api/* to the API, so the page and the API share one origin
 * (the H5 build calls a relative API base). Unknown paths without a file extension get index.html
 * (SPA fallback); a missing asset stays a 404 so a broken build shows.
 */
export interface H5Server {
  url: string;
  stop(): Promise<void>;
}

export interface H5ServerOptions {
  root: string;
  port: number;
  /** e.g. http://127.0.0.1:3000 */
  apiUrl: string;
  portEnvName?: string;
  host?: string;
  /**
   * The local fake of WeChat Pay (scripts/lib/wechatpay-fake.ts): /__wechatpay/* is forwarded to it
   * with the prefix removed, so the H5 收银台 pays same-origin (in WeChat, wx.requestPayment does).
   */
  wechatPayUrl?: string;
}

function proxyToApi(req: IncomingMessage, res: ServerResponse, api: URL): void {
  const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
  const upstream = httpRequest(
    {
      hostname: api.hostname,
      port: api.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: api.host, 'x-forwarded-for': forwardedFor },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } }));
  });
  req.pipe(upstream);
}

export async function startH5Server(options: H5ServerOptions): Promise<H5Server> {
  const { root, port, apiUrl, portEnvName, host = '127.0.0.1' } = options;
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    throw new StackStartError(`找不到 H5 构建产物 ${indexFile}：请先执行 npm run build:h5。`);
  }
  await assertPortFree(port, 'H5 页面服务', portEnvName);
  const api = new URL(apiUrl);
  const fakePay = options.wechatPayUrl ? new URL(options.wechatPayUrl) : null;
  // Hashed assets may be cached; the page itself must always be revalidated.
  const setHeaders = (res: ServerResponse, file: string) => {
    if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
  };
  const files = serveStatic(root, { index: ['index.html'], fallthrough: true, setHeaders });
  const spaIndex = serveStatic(root, { index: false, fallthrough: false, setHeaders });

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/')) {
      proxyToApi(req, res, api);
      return;
    }
    if (fakePay && path.startsWith('/__wechatpay/')) {
      req.url = (req.url ?? '').slice('/__wechatpay'.length);
      proxyToApi(req, res, fakePay);
      return;
    }
    files(req, res, () => {
      const isPage = (req.method === 'GET' || req.method === 'HEAD') && extname(path) === '';
      if (!isPage) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found');
        return;
      }
      req.url = '/index.html';
      spaIndex(req, res, () => {
        res.writeHead(500);
        res.end();
      });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: `http://${host}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
