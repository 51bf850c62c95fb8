// Renders public/favicon.svg to the PNG icons the manifest and iOS need. Run by hand after the
// SVG changes (`node scripts/generate-icons.mjs`); the PNGs are committed.
import { readFileSync, writeFileSync } from 'node:fs'
import { launchChromium } from './chromium.mjs'

const svg = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8')
const targets = [
  { file: 'pwa-192x192.png', size: 192, padding: 0 },
  { file: 'pwa-512x512.png', size: 512, padding: 0 },
  { file: 'apple-touch-icon-180x180.png', size: 180, padding: 0.08 },
  // Maskable: keep the mark inside the 80 % safe circle, fill the rest with the key colour.
  { file: 'maskable-icon-512x512.png', size: 512, padding: 0.16 },
]

const browser = await launchChromium()
try {
  for (const { file, size, padding } of targets) {
    const page = await browser.newPage({ viewport: { width: size, height: size } })
    const inner = Math.round(size * (1 - 2 * padding))
    await page.setContent(
      `<body style="margin:0;background:#0017c1;display:grid;place-items:center;height:${size}px">` +
        `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
    )
    writeFileSync(new URL(`../public/${file}`, import.meta.url), await page.screenshot({ type: 'png' }))
    await page.close()
  }
} finally {
  await browser.close()
}
