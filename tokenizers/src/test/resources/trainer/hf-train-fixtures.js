// Trains HF tokenizers' BpeTrainer (its defaults: vocab_size 30000, min_frequency 0, no special tokens)
// on corpus.txt with three pipelines and saves the results as HF writes them, and on 60 small random
// corpora: the fixtures of HfTrainerFixtureTest. Regenerate with the Node binding of HF tokenizers (npm package `tokenizers`,
// 0.23.2 here):  npm install tokenizers@0.23.2 && NODE_PATH=./node_modules node hf-train-fixtures.js
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Tokenizer, templateProcessing } = require('tokenizers');

const here = __dirname;
const model = { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null,
  end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab: {}, merges: [] };
const byteLevel = (prefix) => ({ type: 'ByteLevel', add_prefix_space: prefix, trim_offsets: true, use_regex: true });

function train(name, normalizer, preTokenizer, decoder, specials) {
  const config = { version: '1.0', truncation: null, padding: null, added_tokens: [], normalizer,
    pre_tokenizer: preTokenizer, post_processor: null, decoder, model };
  const tokenizer = Tokenizer.fromString(JSON.stringify(config));
  tokenizer.train([path.join(here, 'corpus.txt')]);
  if (specials) { // added after training, so their ids follow the vocabulary's
    tokenizer.addSpecialTokens(specials);
    const eos = tokenizer.tokenToId('</s>');
    tokenizer.setPostProcessor(templateProcessing('$A </s>', '$A $B:1 </s>:1', [['</s>', eos]]));
  }
  tokenizer.save(path.join(here, name), true);
}

train('hf-byte-level.tokenizer.json', null, byteLevel(false), byteLevel(true));
train('hf-whitespace-lowercase.tokenizer.json', { type: 'Lowercase' }, { type: 'Whitespace' }, null);
train('hf-template.tokenizer.json', null, { type: 'WhitespaceSplit' }, { type: 'WordPiece', prefix: '##', cleanup: true },
  ['<pad>', '</s>', '<unk>', '<s>']);

// 60 small random corpora over 2-4 letters (seeded), where ties between equally frequent pairs abound:
// each with HF's vocabulary (by id) and merges (by rank).
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const corpora = [];
for (let k = 0; k < 60; k++) {
  const random = mulberry32(k + 1);
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const letters = 'abcd'.slice(0, int(2, 4));
  const lines = [];
  for (let l = int(1, 20); l > 0; l--) {
    const words = [];
    for (let w = int(1, 8); w > 0; w--) {
      let word = '';
      for (let c = int(1, 9); c > 0; c--) word += letters[int(0, letters.length - 1)];
      words.push(word);
    }
    lines.push(words.join(' '));
  }
  const file = path.join(os.tmpdir(), `hf-bpe-corpus-${k}.txt`);
  fs.writeFileSync(file, lines.join('\n'));
  const config = { version: '1.0', truncation: null, padding: null, added_tokens: [], normalizer: null,
    pre_tokenizer: { type: 'WhitespaceSplit' }, post_processor: null, decoder: null, model };
  const tokenizer = Tokenizer.fromString(JSON.stringify(config));
  tokenizer.train([file]);
  tokenizer.save(file, false);
  const trained = JSON.parse(fs.readFileSync(file, 'utf8')).model;
  fs.unlinkSync(file);
  const vocab = Object.entries(trained.vocab).sort((x, y) => x[1] - y[1]).map((e) => e[0]);
  corpora.push({ lines, vocab, merges: trained.merges });
}
fs.writeFileSync(path.join(here, 'hf-random-corpora.json'), JSON.stringify(corpora));
