"""Writes tiny-real-torch.bin with the real torch.save (PyTorch 2.x), the same logical content as the
stand-in pickler's tiny.bin (make_fixtures.py), so the reader is checked against PyTorch itself, not only
against our understanding of its format. Run with a Python that has torch:  python make_real_torch_fixture.py
"""
import collections
import os

import torch

grid = torch.tensor([[0.5, -1.25, 3.0], [1e-3, -0.0, 65504.5]], dtype=torch.float32)
shared = torch.arange(10, dtype=torch.float32)
sd = collections.OrderedDict()
sd["f32"] = grid
sd["transposed"] = grid.t()                                   # a strided view of the same storage
sd["f16"] = torch.tensor([1.0, -0.5, 65504.0, 2.0 ** -24], dtype=torch.float16)
sd["bf16"] = torch.tensor([[1.0, -2.5], [0.15625, -3.3895313892515355e38]], dtype=torch.bfloat16)
sd["i64"] = torch.tensor([0, 1, -7, 1 << 40, -(1 << 24)], dtype=torch.int64)
sd["f64"] = torch.tensor([0.1, 2.5], dtype=torch.float64)
sd["mask"] = torch.tensor([True, False, True])
sd["shared_a"] = shared[0:4].view(2, 2)
sd["shared_b"] = shared[4:10:2]                               # offset 4, stride 2
sd["tied_a"] = sd["shared_a"]                                 # the same tensor object: an alias
sd["num_batches_tracked"] = torch.tensor(3, dtype=torch.int64)
sd["parameter"] = torch.nn.Parameter(grid.view(-1)[3:6])
here = os.path.dirname(os.path.abspath(__file__))
torch.save(sd, os.path.join(here, "tiny-real-torch.bin"))
print("wrote tiny-real-torch.bin with torch", torch.__version__)
