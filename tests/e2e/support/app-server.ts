import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { preview, type PreviewServer } from 'vite'

const root = fileURLToPath(new URL('../../..', import.meta.url))

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

export interface AppServer {
  url: string
  /** Stops serving: from then on the app has no server at all, as on a train with no signal. */
  stop(): Promise<void>
}

/**
 * Serves the built app (`dist/`, from `vite build`) the way a static host would, SPA fallback
 * included; `outDir` (relative to the project) serves another build, e.g. the bench's blank page.
 */
export async function startAppServer(outDir = 'dist'): Promise<AppServer> {
  const port = await freePort()
  const server: PreviewServer = await preview({
    root,
    configFile: false,
    logLevel: 'silent',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  })
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => server.close(),
  }
}
