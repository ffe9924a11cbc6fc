// Generates deterministic placeholder photos for the sample content.
// Usage: npm run images:generate [-- --force]
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

const OUT_DIR = path.join(process.cwd(), "content/images");
const LANDSCAPE = { width: 2400, height: 1600 };
const PORTRAIT = { width: 1600, height: 2400 };

const IMAGES: Record<string, typeof LANDSCAPE> = {
  ...Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 8, 9].map((n) => [`co-city${n}.jpg`, LANDSCAPE]),
  ),
  "barriera1.jpg": LANDSCAPE,
  "barriera2.jpg": LANDSCAPE,
  "barriera3.jpg": PORTRAIT,
  "barriera4.jpg": LANDSCAPE,
  "langhe1.jpg": LANDSCAPE,
  "langhe2.jpg": LANDSCAPE,
  "langhe3.jpg": LANDSCAPE,
  "mercato1.jpg": LANDSCAPE,
  "mercato2.jpg": PORTRAIT,
  "teatro1.jpg": LANDSCAPE,
  "teatro2.jpg": LANDSCAPE,
  "teatro3.jpg": LANDSCAPE,
  "jazz1.jpg": PORTRAIT,
  "jazz2.jpg": PORTRAIT,
  "jazz3.jpg": PORTRAIT,
  "quaderni1.jpg": LANDSCAPE,
  "quaderni2.jpg": PORTRAIT,
  "quaderni3.jpg": LANDSCAPE,
};

type Rgb = [number, number, number];

/** mulberry32: small, fast, seedable. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, so every file name gets its own seed. */
function hash(text: string) {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

function hsl(h: number, s: number, l: number): Rgb {
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return 255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
  };
  return [f(0), f(8), f(4)];
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];

/**
 * Detail at every scale, as in real photographs (cell sizes 2–256 px, a nearly flat spectrum), so that
 * resized copies compress like resized photos instead of collapsing into smooth gradients.
 */
function texture(rand: () => number, width: number, height: number): Float32Array {
  const field = new Float32Array(width * height);
  for (let cell = 2; cell <= 256; cell *= 2) {
    const gw = Math.ceil(width / cell) + 2;
    const grid = Float32Array.from({ length: gw * (Math.ceil(height / cell) + 2) }, () => rand() - 0.5);
    const amplitude = 16 * cell ** 0.15;
    for (let y = 0; y < height; y++) {
      const y0 = Math.floor(y / cell);
      const ty = y / cell - y0;
      const sy = ty * ty * (3 - 2 * ty);
      for (let x = 0; x < width; x++) {
        const x0 = Math.floor(x / cell);
        const tx = x / cell - x0;
        const sx = tx * tx * (3 - 2 * tx);
        const i = y0 * gw + x0;
        const top = grid[i]! * (1 - sx) + grid[i + 1]! * sx;
        const bottom = grid[i + gw]! * (1 - sx) + grid[i + gw + 1]! * sx;
        field[y * width + x]! += (top * (1 - sy) + bottom * sy) * amplitude;
      }
    }
  }
  return field;
}

/** A sky/ground gradient, a wavy horizon, buildings, soft light blobs, textures and film grain. */
function render(name: string, width: number, height: number): Buffer {
  const rand = prng(hash(name));
  const hue = rand() * 360;
  const shift = 30 + rand() * 150;
  const sky = [hsl(hue, 0.5, 0.75), hsl(hue + 20, 0.6, 0.45)] as const;
  const ground = [hsl(hue + shift, 0.45, 0.35), hsl(hue + shift + 25, 0.5, 0.15)] as const;
  const horizon = height * (0.35 + rand() * 0.35);
  const hills = [0, 1].map((k) => ({
    amp: height * (0.01 + rand() * 0.05) / (k + 1),
    freq: ((0.5 + rand() * 2) * (1 + k * 3) * Math.PI * 2) / width,
    phase: rand() * Math.PI * 2,
  }));
  const buildings = Array.from({ length: 150 + Math.floor(rand() * 150) }, () => {
    const w = width * (0.01 + rand() * 0.08);
    const h = height * (0.02 + rand() * 0.2);
    const top = horizon - h * 0.6 + rand() * (height - horizon);
    return {
      x0: rand() * width - w / 2,
      x1: 0,
      y0: top,
      y1: top + h,
      w,
      color: hsl(hue + shift + (rand() - 0.5) * 120, 0.2 + rand() * 0.4, 0.15 + rand() * 0.6),
    };
  }).map((b) => ({ ...b, x1: b.x0 + b.w }));
  const blobs = Array.from({ length: 3 + Math.floor(rand() * 5) }, () => ({
    x: rand() * width,
    y: rand() * height,
    r2: ((0.05 + rand() * 0.25) * Math.min(width, height)) ** 2,
    color: hsl(hue + rand() * 360, 0.7, 0.3 + rand() * 0.5),
    strength: 0.4 + rand() * 0.5,
  }));
  const grain = 6 + rand() * 4;
  const detail = texture(rand, width, height);

  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const rows = buildings.filter((b) => y >= b.y0 && y < b.y1);
    for (let x = 0; x < width; x++) {
      let edge = horizon;
      for (const h of hills) edge += h.amp * Math.sin(x * h.freq + h.phase);
      const t = Math.max(0, Math.min(1, (y - edge) / (height * 0.02) + 0.5));
      const inSky = mix(sky[0], sky[1], Math.min(1, y / horizon));
      const onGround = mix(ground[0], ground[1], Math.max(0, y - horizon) / (height - horizon));
      let c = mix(inSky, onGround, t);
      for (const b of rows) if (x >= b.x0 && x < b.x1) c = b.color;
      for (const b of blobs) {
        const d2 = (x - b.x) ** 2 + (y - b.y) ** 2;
        if (d2 < b.r2 * 9) c = mix(c, b.color, b.strength * Math.exp(-d2 / b.r2));
      }
      const vignette = 1 - 0.35 * (((x / width - 0.5) * 2) ** 2 + ((y / height - 0.5) * 2) ** 2) / 2;
      c = mix([0, 0, 0], c, vignette);
      const light = detail[y * width + x]!;
      const i = (y * width + x) * 3;
      for (let k = 0; k < 3; k++) {
        data[i + k] = Math.max(0, Math.min(255, c[k]! + light * (0.9 + k * 0.1) + (rand() - 0.5) * grain));
      }
    }
  }
  return data;
}

mkdirSync(OUT_DIR, { recursive: true });
const force = process.argv.includes("--force");
for (const [name, { width, height }] of Object.entries(IMAGES)) {
  const file = path.join(OUT_DIR, name);
  if (existsSync(file) && !force) {
    console.log(`skip  ${name} (exists; --force to overwrite)`);
    continue;
  }
  const raw = render(name, width, height);
  await sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85, mozjpeg: false, progressive: true })
    .toFile(file);
  console.log(`wrote ${name} ${width}x${height}`);
}
