"""Makes the tiny opus-mt-style folder of MarianSpmTranslationTest with the real libraries (run once, outputs committed):
two SentencePiece unigram models trained on a few hand-written sentences, Marian's vocab.json (both sides' pieces),
a randomly initialised MarianMTModel (torch seed 3) saved by transformers, and what Python's MarianTokenizer +
MarianMTModel.generate produce for a few sources (greedy and beam 3): expected.json.

    python make_fixture.py   # in a venv with torch, transformers, sentencepiece
"""
import io
import json
import os
import sentencepiece as spm
import torch
from transformers import MarianConfig, MarianMTModel, MarianTokenizer

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "folder")
os.makedirs(OUT, exist_ok=True)
EN = ["A man is playing a guitar.", "Two dogs run in the park.", "A woman reads a book.",
      "The children are playing outside.", "A man rides a red bike.", "People walk on the street.",
      "A girl is eating an apple.", "The dog jumps over the fence.", "Two men are talking.", "A boy swims."]
DE = ["Ein Mann spielt Gitarre.", "Zwei Hunde rennen im Park.", "Eine Frau liest ein Buch.",
      "Die Kinder spielen draußen.", "Ein Mann fährt ein rotes Fahrrad.", "Menschen gehen auf der Straße.",
      "Ein Mädchen isst einen Apfel.", "Der Hund springt über den Zaun.", "Zwei Männer unterhalten sich.",
      "Ein Junge schwimmt."]


def train(lines, name, rule):
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(lines * 3), model_writer=model, vocab_size=60,
                                   model_type="unigram", character_coverage=1.0, bos_id=-1, eos_id=0, unk_id=1,
                                   pad_id=-1, hard_vocab_limit=False,
                                   normalization_rule_name=rule)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(model.getvalue())


train(EN, "source.spm", "nmt_nfkc")  # with a precompiled charsmap
train(DE, "target.spm", "identity")
vocab = {"</s>": 0, "<unk>": 1}
for name in ("source.spm", "target.spm"):
    sp = spm.SentencePieceProcessor(model_file=os.path.join(OUT, name))
    for i in range(sp.get_piece_size()):
        vocab.setdefault(sp.id_to_piece(i), len(vocab))
vocab["<pad>"] = len(vocab)
with open(os.path.join(OUT, "vocab.json"), "w", encoding="utf-8") as f:
    json.dump(vocab, f, ensure_ascii=False, indent=1)
with open(os.path.join(OUT, "tokenizer_config.json"), "w") as f:
    json.dump({"source_lang": "en", "target_lang": "de", "model_max_length": 64}, f)

torch.manual_seed(3)
config = MarianConfig(vocab_size=len(vocab), d_model=16, encoder_layers=2, decoder_layers=2,
                      encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32,
                      max_position_embeddings=64, pad_token_id=vocab["<pad>"], eos_token_id=0,
                      decoder_start_token_id=vocab["<pad>"], forced_eos_token_id=0, init_std=3.0)
model = MarianMTModel(config).eval()
model.generation_config.bad_words_ids = [[vocab["<pad>"]]]
model.generation_config.max_length = 12
model.save_pretrained(OUT)
tok = MarianTokenizer.from_pretrained(OUT)
sources = ["A man is playing a guitar.", "Two girls eat apples in the park.", "Hello world!"]
expected = {"sources": sources, "input_ids": [tok(s).input_ids for s in sources]}
batch = tok(sources, return_tensors="pt", padding=True)
for beams, key in ((1, "greedy"), (3, "beam3")):
    with torch.no_grad():
        out = model.generate(**batch, num_beams=beams, max_new_tokens=10)
    expected[key] = {"ids": out.tolist(), "texts": tok.batch_decode(out, skip_special_tokens=True)}
with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(expected, f, ensure_ascii=False, indent=1)
print(json.dumps(expected, ensure_ascii=False))
