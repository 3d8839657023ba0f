"""The configurations of `t4j bench train`, timed in PyTorch + transformers (same batches, same thread count).

Prints one JSON object: {"version", "transformers", "models": {name: {"seconds_per_step", "tokens_per_s"}}},
or {"skipped": reason} when torch or transformers cannot be imported.
"""
import argparse
import json
import statistics
import sys
import time

try:
    import torch
    import transformers
    from transformers import BertForSequenceClassification, GPT2Config, GPT2LMHeadModel
except Exception as e:  # noqa: BLE001 - any import failure means "not measured here"
    print(json.dumps({"skipped": f"{sys.executable} cannot import torch and transformers ({e})"}))
    sys.exit(0)

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, required=True)
p.add_argument("--steps", type=int, required=True)
p.add_argument("--warmup", type=int, required=True)
p.add_argument("--encoder", required=True)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)


def seconds_per_step(model, batches, lr, weight_decay):
    """Median wall seconds of loss -> backward -> AdamW step -> zero grad (no decay on biases/LayerNorm)."""
    model.train()
    decay = [p for p in model.parameters() if p.ndim >= 2]
    rest = [p for p in model.parameters() if p.ndim < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                             {"params": rest, "weight_decay": 0.0}], lr=lr)
    times = []
    for i in range(a.warmup + a.steps):
        start = time.perf_counter()
        model(**batches[i % len(batches)]).loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
        if i >= a.warmup:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def figure(seconds, batch, length):
    return {"seconds_per_step": seconds, "tokens_per_s": batch * length / seconds}


gpt = GPT2LMHeadModel(GPT2Config(vocab_size=66, n_positions=128, n_embd=128, n_layer=4, n_head=4, n_inner=512,
                                 activation_function="gelu_new", resid_pdrop=0.1, embd_pdrop=0.1, attn_pdrop=0.1,
                                 layer_norm_epsilon=1e-5))
gpt_batches = []
for _ in range(2):
    ids = torch.randint(1, 66, (32, 128))
    gpt_batches.append({"input_ids": ids, "labels": ids})
models = {"gpt-tinyshakespeare": figure(seconds_per_step(gpt, gpt_batches, 1e-3, 0.1), 32, 128)}

bert = BertForSequenceClassification.from_pretrained(a.encoder, num_labels=2)
bert_batches = []
for _ in range(2):
    ids = torch.randint(1, bert.config.vocab_size, (32, 64))
    bert_batches.append({"input_ids": ids, "attention_mask": torch.ones_like(ids),
                         "labels": torch.randint(0, 2, (32,))})
models["minilm-finetune"] = figure(seconds_per_step(bert, bert_batches, 1e-4, 0.01), 32, 64)

print(json.dumps({"version": torch.__version__, "transformers": transformers.__version__,
                  "attn_implementation": gpt.config._attn_implementation, "models": models}))
