/**
 * A small PNG re-encoder for the README screenshot: decodes an 8-bit RGB/RGBA PNG (as Chromium
 * writes them), reduces it to a 256-colour palette by median cut (Heckbert, "Color image
 * quantization for frame buffer display", SIGGRAPH 1982) and writes an indexed PNG with maximum
 * deflate. Screenshots of text shrink 2–4×; no image library needed.
 */
import { deflateSync, inflateSync } from 'node:zlib';

interface Image {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel. */
  rgb: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decodes a non-interlaced 8-bit RGB or RGBA PNG to RGB (alpha composited on white). */
export function decodePng(png: Buffer): Image {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colorType = data[9]!;
      if (data[8] !== 8 || (colorType !== 2 && colorType !== 6) || data[12] !== 0) throw new Error('only 8-bit non-interlaced RGB(A) PNGs');
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + length;
  }
  const channels = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[dst + x - channels]! : 0;
      const b = y > 0 ? pixels[dst - stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[dst - stride + x - channels]! : 0;
      let v = raw[src + x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[dst + x] = v & 255;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < pixels.length; i += channels, j += 3) {
    const alpha = channels === 4 ? pixels[i + 3]! / 255 : 1;
    for (let k = 0; k < 3; k++) rgb[j + k] = Math.round(pixels[i + k]! * alpha + 255 * (1 - alpha));
  }
  return { width, height, rgb };
}

/** Median-cut palette of at most `size` colours from a colour histogram. */
function medianCut(histogram: Map<number, number>, size: number): number[] {
  type Box = { colors: number[] };
  const channel = (c: number, k: number): number => (c >> (16 - 8 * k)) & 255;
  const spread = (box: Box): { k: number; range: number; weight: number } => {
    let best = { k: 0, range: -1, weight: 0 };
    let weight = 0;
    for (const c of box.colors) weight += histogram.get(c)!;
    for (let k = 0; k < 3; k++) {
      let lo = 255;
      let hi = 0;
      for (const c of box.colors) {
        const v = channel(c, k);
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi - lo > best.range) best = { k, range: hi - lo, weight };
    }
    return best;
  };
  const boxes: Box[] = [{ colors: [...histogram.keys()] }];
  while (boxes.length < size) {
    let pick = -1;
    let score = 0;
    let axis = 0;
    boxes.forEach((box, i) => {
      if (box.colors.length < 2) return;
      const s = spread(box);
      const v = s.range * Math.sqrt(s.weight);
      if (v > score) {
        score = v;
        pick = i;
        axis = s.k;
      }
    });
    if (pick < 0) break;
    const box = boxes[pick]!;
    box.colors.sort((x, y) => channel(x, axis) - channel(y, axis));
    let total = 0;
    for (const c of box.colors) total += histogram.get(c)!;
    let acc = 0;
    let cut = 1;
    for (; cut < box.colors.length - 1; cut++) {
      acc += histogram.get(box.colors[cut - 1]!)!;
      if (acc * 2 >= total) break;
    }
    boxes.splice(pick, 1, { colors: box.colors.slice(0, cut) }, { colors: box.colors.slice(cut) });
  }
  return boxes.map((box) => {
    let r = 0;
    let g = 0;
    let b = 0;
    let n = 0;
    for (const c of box.colors) {
      const w = histogram.get(c)!;
      r += channel(c, 0) * w;
      g += channel(c, 1) * w;
      b += channel(c, 2) * w;
      n += w;
    }
    return (Math.round(r / n) << 16) | (Math.round(g / n) << 8) | Math.round(b / n);
  });
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  let crc = 0xffffffff;
  for (const byte of Buffer.concat([head.subarray(4), data])) crc = CRC_TABLE[(crc ^ byte) & 255]! ^ (crc >>> 8);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 0);
  return Buffer.concat([head, data, tail]);
}

/** Re-encodes a PNG with a palette of at most 256 colours. */
export function quantizePng(png: Buffer, colors = 256): Buffer {
  const { width, height, rgb } = decodePng(png);
  const histogram = new Map<number, number>();
  for (let i = 0; i < rgb.length; i += 3) {
    const c = (rgb[i]! << 16) | (rgb[i + 1]! << 8) | rgb[i + 2]!;
    histogram.set(c, (histogram.get(c) ?? 0) + 1);
  }
  const palette = histogram.size <= colors ? [...histogram.keys()] : medianCut(histogram, colors);
  const nearest = new Map<number, number>();
  const indexOf = (c: number): number => {
    let hit = nearest.get(c);
    if (hit !== undefined) return hit;
    let best = 0;
    let bestD = Infinity;
    palette.forEach((p, i) => {
      const dr = ((p >> 16) & 255) - ((c >> 16) & 255);
      const dg = ((p >> 8) & 255) - ((c >> 8) & 255);
      const db = (p & 255) - (c & 255);
      const d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    nearest.set(c, (hit = best));
    return hit;
  };
  const raw = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[y * (width + 1) + 1 + x] = indexOf((rgb[i]! << 16) | (rgb[i + 1]! << 8) | rgb[i + 2]!);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 3;
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((p, i) => {
    plte[i * 3] = (p >> 16) & 255;
    plte[i * 3 + 1] = (p >> 8) & 255;
    plte[i * 3 + 2] = p & 255;
  });
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(raw, { level: 9, memLevel: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
