// The first-paint weight of a `vite build`: the entry chunk plus every chunk it imports statically
// (recursively), gzip -9, as the browser would receive them; and which source modules they hold.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

/** @param {URL} distDir a build's output folder (with `.vite/manifest.json`), ending in '/' */
export function firstPaintOf(distDir) {
  const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', distDir), 'utf8'))
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry && key.endsWith('index.html'))
  if (!entryKey)
    throw new Error(`No index.html entry in ${distDir.pathname}.vite/manifest.json: was the build run?`)

  const jsFiles = new Set()
  const cssFiles = new Set()
  const visit = (key) => {
    const chunk = manifest[key]
    if (!chunk || jsFiles.has(chunk.file)) return
    jsFiles.add(chunk.file)
    for (const css of chunk.css ?? []) cssFiles.add(css)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  visit(entryKey)

  const gzipSize = (file) => gzipSync(readFileSync(new URL(file, distDir)), { level: 9 }).length
  const total = (files) => [...files].reduce((sum, file) => sum + gzipSize(file), 0)
  return { js: total(jsFiles), css: total(cssFiles), chunks: jsFiles.size, files: [...jsFiles] }
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
