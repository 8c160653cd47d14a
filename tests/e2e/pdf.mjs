// Reading a PDF's text without a PDF tool: the board brief's tests (brief.test.mjs,
// brief5.test.mjs) print the page to PDF in Chromium and check its page count and the figures
// it holds. Chromium's PDFs: FlateDecode streams, fonts with ToUnicode maps.
import { inflateSync, constants as zlib } from 'node:zlib';
/** Pages in a PDF: its `/Type /Page` objects (not `/Pages`). */
export function pageCount(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
}

/** Text without spaces, for matching across the PDF's own spacing and line breaks. */
export function squash(text) {
  // A ligature glyph (fi) may come with its letters spelt out before it: keep one copy.
  const ligatures = { '\ufb00': 'ff', '\ufb01': 'fi', '\ufb02': 'fl', '\ufb03': 'ffi', '\ufb04': 'ffl' };
  return text
    .replace(/[\s\u00a0]+/g, '')
    .replace(/(ffi|ffl|ff|fi|fl)?([\ufb00-\ufb04])/g, (_, spelt, lig) => ligatures[lig])
    .replace(/[\u2018\u2019]/g, "'");
}

/** The PDF's objects: number to { dict, data } (streams inflated). */
export function objects(pdf) {
  const s = pdf.toString('latin1');
  const out = new Map();
  const re = /(\d+) 0 obj\b/g;
  let m;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endobj', start);
    if (end < 0) break;
    const body = s.slice(start, end);
    const at = body.search(/stream\r?\n/);
    let dict = body;
    let data = null;
    if (at >= 0) {
      dict = body.slice(0, at);
      const from = at + body.slice(at).match(/stream\r?\n/)[0].length;
      const to = body.lastIndexOf('endstream');
      const raw = Buffer.from(body.slice(from, to), 'latin1');
      data = raw;
      if (/FlateDecode/.test(dict)) {
        try {
          data = inflateSync(raw, { finishFlush: zlib.Z_SYNC_FLUSH });
        } catch {
          data = Buffer.alloc(0);
        }
      }
    }
    out.set(Number(m[1]), { dict, data });
    re.lastIndex = end;
  }
  return out;
}

/** A ToUnicode CMap as a map from glyph code (hex) to text. */
export function cmap(text) {
  const map = new Map();
  const hex = (h) => String.fromCodePoint(...(h.match(/.{4}/g) || []).map((c) => parseInt(c, 16)));
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, uni] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(code.toLowerCase(), hex(uni));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const width = lo.length;
      const [a, b] = [parseInt(lo, 16), parseInt(hi, 16)];
      const list = rest.startsWith('[') ? [...rest.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => x[1]) : null;
      for (let c = a; c <= b; c++) {
        const key = c.toString(16).padStart(width, '0');
        if (list) map.set(key, hex(list[c - a] || ''));
        else {
          const first = parseInt(rest.slice(1, -1), 16) + (c - a);
          map.set(key, String.fromCodePoint(first));
        }
      }
    }
  }
  return map;
}

/** The text drawn in a PDF, in drawing order, a line per text object. */
export function pdfText(pdf) {
  const objs = objects(pdf);
  // Font resource names (/F1) to their ToUnicode maps.
  const fonts = new Map();
  for (const { dict } of objs.values()) {
    const block = dict.match(/\/Font\s*<<([^>]*)>>/);
    if (!block) continue;
    for (const [, name, num] of block[1].matchAll(/\/([^\s/]+)\s+(\d+)\s+0\s+R/g)) {
      const font = objs.get(Number(num));
      const uni = font?.dict.match(/\/ToUnicode\s+(\d+)\s+0\s+R/);
      const map = uni && objs.get(Number(uni[1]))?.data;
      if (map && !fonts.has(name)) fonts.set(name, cmap(map.toString('latin1')));
    }
  }
  let out = '';
  for (const { data } of objs.values()) {
    if (!data) continue;
    const content = data.toString('latin1');
    if (!/\bT[jJ]\b/.test(content)) continue;
    let font = null;
    const tokens = content.matchAll(/\/([^\s/\[\]<>()]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F\s]*)>|\((?:\\.|[^\\)])*\)|\bET\b|\bT\*|\bTd\b|\bTD\b/g);
    for (const t of tokens) {
      if (t[1]) font = fonts.get(t[1]) || null;
      else if (t[2] !== undefined) {
        const hex = t[2].replace(/\s+/g, '').toLowerCase();
        const width = font && [...font.keys()][0]?.length || 4;
        for (let i = 0; i < hex.length; i += width) {
          const code = hex.slice(i, i + width);
          out += font?.get(code) ?? '';
        }
      } else if (t[0].startsWith('(')) out += t[0].slice(1, -1).replace(/\\(.)/g, '$1');
      else out += '\n';
    }
  }
  return out;
}
