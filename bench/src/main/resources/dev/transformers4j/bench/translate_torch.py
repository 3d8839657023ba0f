"""The configurations of `t4j bench translate`, timed in PyTorch + transformers' MarianMTModel: the same weights
(the folder the Java side saved), the same batches, the same thread count.

Prints one JSON object: {"version", "transformers", "train_tokens_per_s", "greedy_sentences_per_s",
"beam4_sentences_per_s"}, or {"skipped": reason} when torch or transformers cannot be imported.
"""
import argparse
import json
import statistics
import sys
import time

try:
    import torch
    import transformers
    from transformers import MarianMTModel
except Exception as e:  # noqa: BLE001 - any import failure means "not measured here"
    print(json.dumps({"skipped": f"{sys.executable} cannot import torch and transformers ({e})"}))
    sys.exit(0)

p = argparse.ArgumentParser()
p.add_argument("--model", required=True)
p.add_argument("--inputs", required=True)
p.add_argument("--threads", type=int, required=True)
p.add_argument("--steps", type=int, required=True)
p.add_argument("--warmup", type=int, required=True)
p.add_argument("--new-tokens", type=int, required=True)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)

inputs = json.load(open(a.inputs))
model = MarianMTModel.from_pretrained(a.model)
c = model.config  # plain settings, as the Java side uses (no bad_words_ids or forced </s> from the folder)
model.generation_config = transformers.GenerationConfig(decoder_start_token_id=c.decoder_start_token_id,
                                                        pad_token_id=c.pad_token_id, eos_token_id=c.eos_token_id)


def median_seconds(work):
    times = []
    for i in range(a.warmup + a.steps):
        start = time.perf_counter()
        work(i)
        if i >= a.warmup:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


batches = [{k: torch.tensor(v) for k, v in b.items()} for b in inputs["train"]]
model.train()
opt = torch.optim.Adam(model.parameters(), lr=1e-4, betas=(0.9, 0.98), eps=1e-9)


def train_step(i):
    b = batches[i % len(batches)]
    logits = model(input_ids=b["input_ids"], attention_mask=b["attention_mask"],
                   decoder_input_ids=b["decoder_input_ids"]).logits
    loss = torch.nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), b["labels"].view(-1),
                                             ignore_index=-100, label_smoothing=0.1)
    loss.backward()
    opt.step()
    opt.zero_grad(set_to_none=True)


b0 = batches[0]
pairs, src_len, tgt_len = b0["input_ids"].shape[0], b0["input_ids"].shape[1], b0["labels"].shape[1]
out = {"version": torch.__version__, "transformers": transformers.__version__,
       "train_tokens_per_s": pairs * (src_len + tgt_len) / median_seconds(train_step)}

model.eval()
src = {k: torch.tensor(v) for k, v in inputs["sources"].items()}
n = src["input_ids"].shape[0]
for beams, key in ((1, "greedy_sentences_per_s"), (4, "beam4_sentences_per_s")):
    def generate(i, beams=beams):
        with torch.no_grad():
            model.generate(**src, num_beams=beams, max_new_tokens=a.new_tokens, min_new_tokens=a.new_tokens,
                           do_sample=False)
    out[key] = n / median_seconds(generate)
print(json.dumps(out))
