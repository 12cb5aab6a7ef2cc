// Renders the raster icons in public/ from favicon.svg with Debian's Chromium (the same renderer as the
// e2e tests), so every size comes from the one drawing: `node scripts/render-icons.mjs`, then commit them.
//   icon-192.png, icon-512.png   the SVG as drawn (rounded square, transparent corners)
//   icon-maskable-512.png        full-bleed background, the note inside the 80 % safe circle
//   apple-touch-icon.png (180)   full-bleed background (iOS rounds the corners itself, and draws alpha black)
//   favicon.ico                  16, 32 and 48 px PNG images in an ICO container
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const publicDir = new URL('../public/', import.meta.url);
const svg = readFileSync(new URL('favicon.svg', publicDir), 'utf8');
const background = /<rect[^>]*fill="([^"]+)"/.exec(svg)[1];
const note = /<path[^>]*\/>/.exec(svg)[0];

/** The note on a square background, scaled about the centre. */
const fullBleed = (scale) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${background}"/>` +
  `<g transform="translate(16 16) scale(${scale}) translate(-16 -16)">${note}</g></svg>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ deviceScaleFactor: 1 });

async function render(source, size) {
  await page.setViewportSize({ width: size, height: size });
  const url = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
  await page.setContent(`<body style="margin:0"><img src="${url}" width="${size}" height="${size}"></body>`);
  await page.locator('img').evaluate((img) => img.decode());
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size, entry);
    header.writeUInt8(size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

try {
  writeFileSync(new URL('icon-192.png', publicDir), await render(svg, 192));
  writeFileSync(new URL('icon-512.png', publicDir), await render(svg, 512));
  writeFileSync(new URL('icon-maskable-512.png', publicDir), await render(fullBleed(0.72), 512));
  writeFileSync(new URL('apple-touch-icon.png', publicDir), await render(fullBleed(0.85), 180));
  const favicons = [];
  for (const size of [16, 32, 48]) favicons.push({ size, png: await render(svg, size) });
  writeFileSync(new URL('favicon.ico', publicDir), ico(favicons));
} finally {
  await browser.close();
}
