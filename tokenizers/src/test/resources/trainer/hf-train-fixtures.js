// Trains HF tokenizers' BpeTrainer (its defaults: vocab_size 30000, min_frequency 0, no special tokens)
// on corpus.txt with three pipelines and saves the results as HF writes them: the fixtures of
// HfTrainerFixtureTest. Regenerate with the Node binding of HF tokenizers (npm package `tokenizers`,
// 0.23.2 here):  npm install tokenizers@0.23.2 && NODE_PATH=./node_modules node hf-train-fixtures.js
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
