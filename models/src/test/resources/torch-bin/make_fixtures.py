#!/usr/bin/env python3
"""Writes the PyTorch checkpoint fixtures of transformers4j's tests, without PyTorch.

torch.save (PyTorch >= 1.6, the zip serialization) writes a zip archive whose single top folder holds
``data.pkl`` (the pickled object, protocol 2), ``byteorder``, one ``data/<key>`` file of raw bytes per storage,
``version`` and ``.data/serialization_id``. In the pickle a tensor is ``torch._utils._rebuild_tensor_v2(storage,
storage_offset, size, stride, requires_grad, backward_hooks)`` and a storage is a *persistent id*, the tuple
``('storage', torch.FloatStorage, key, location, numel)``; a state dict is a ``collections.OrderedDict`` whose
``_metadata`` attribute arrives through BUILD (torch/serialization.py ``_save``, torch/_tensor.py
``_reduce_ex_internal``).

Here Python's own ``pickle`` writes those opcodes: stand-in classes and functions whose module and qualified
name are those of torch (``torch._utils._rebuild_tensor_v2``, ``torch.FloatStorage``) reduce themselves the way
torch's do, and a Pickler's ``persistent_id`` returns torch's tuple. The pickler is Python's, independent of the
Java unpickler under test. Nothing here ever unpickles anything.

Run from anywhere (python3 >= 3.8, standard library only); the output is deterministic:
    python3 models/src/test/resources/torch-bin/make_fixtures.py
"""
import collections
import io
import json
import math
import pickle
import pickletools
import struct
import sys
import types
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN_MARIAN = HERE.parent / "golden" / "marian-mt" / "model.safetensors"

# ----------------------------------------------------------------------------- stand-ins for torch

torch = types.ModuleType("torch")
torch_utils = types.ModuleType("torch._utils")
torch._utils = torch_utils
sys.modules["torch"] = torch
sys.modules["torch._utils"] = torch_utils


def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks, metadata=None):
    raise RuntimeError("a stand-in: the fixtures are written, never loaded")


def _rebuild_parameter(data, requires_grad, backward_hooks):
    raise RuntimeError("a stand-in: the fixtures are written, never loaded")


for _f in (_rebuild_tensor_v2, _rebuild_parameter):
    _f.__module__ = "torch._utils"
    setattr(torch_utils, _f.__name__, _f)

# legacy storage class name -> struct format of one element (little-endian), itemsize
STORAGE_FORMATS = {
    "FloatStorage": ("<f", 4), "DoubleStorage": ("<d", 8), "HalfStorage": ("<e", 2), "BFloat16Storage": (None, 2),
    "LongStorage": ("<q", 8), "IntStorage": ("<i", 4), "ShortStorage": ("<h", 2), "CharStorage": ("<b", 1),
    "ByteStorage": ("<B", 1), "BoolStorage": ("<?", 1),
}
for _name in STORAGE_FORMATS:
    setattr(torch, _name, type(_name, (), {"__module__": "torch"}))


class Storage:
    """A typed storage: raw little-endian bytes and the legacy storage class torch pickles for its dtype."""

    def __init__(self, kind, data):
        self.cls = getattr(torch, kind)
        self.itemsize = STORAGE_FORMATS[kind][1]
        self.data = bytes(data)
        assert len(self.data) % self.itemsize == 0
        self.numel = len(self.data) // self.itemsize


class Tensor:
    """A strided view of a storage; pickles as torch.Tensor.__reduce_ex__ does for a plain CPU tensor."""

    def __init__(self, storage, offset, size, stride):
        self.storage, self.offset, self.size, self.stride = storage, offset, tuple(size), tuple(stride)

    def __reduce_ex__(self, proto):
        return (_rebuild_tensor_v2,
                (self.storage, self.offset, self.size, self.stride, False, collections.OrderedDict()))


class Parameter:
    """torch.nn.Parameter (as saved with state_dict(keep_vars=True)): _rebuild_parameter(tensor, grad, hooks)."""

    def __init__(self, tensor):
        self.tensor = tensor

    def __reduce_ex__(self, proto):
        return (_rebuild_parameter, (self.tensor, True, collections.OrderedDict()))


class TorchPickler(pickle.Pickler):
    """torch.serialization._save's pickler: storages become ('storage', type, key, location, numel)."""

    def __init__(self, file, protocol):
        super().__init__(file, protocol)
        self.keys = {}
        self.storages = {}

    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            key = self.keys.setdefault(id(obj), str(len(self.keys)))   # keys in order of first appearance
            self.storages[key] = obj
            return ("storage", obj.cls, key, "cpu", obj.numel)
        return None


def state_dict(tensors, module_prefixes):
    """An OrderedDict with the _metadata attribute (module prefix -> {'version': 1}) of Module.state_dict()."""
    sd = collections.OrderedDict(tensors)
    sd._metadata = collections.OrderedDict((p, {"version": 1}) for p in module_prefixes)
    return sd


# ----------------------------------------------------------------------------- the zip container

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_record(z, name, data):
    """A stored (uncompressed) entry whose data starts on a 64-byte boundary, as PyTorchStreamWriter aligns it."""
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 0
    start = z.fp.tell() + 30 + len(name.encode("utf-8")) + 4
    pad = (-start) % 64
    info.extra = struct.pack("<HH", 0x4246, pad) + b"Z" * pad    # the 'FB' padding field torch writes
    z.writestr(info, data)


def write_archive(path, folder, pickle_bytes, storages, byteorder=b"little"):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        write_record(z, f"{folder}/data.pkl", pickle_bytes)
        if byteorder is not None:
            write_record(z, f"{folder}/byteorder", byteorder)
        for key in sorted(storages):
            write_record(z, f"{folder}/data/{key}", storages[key])
        write_record(z, f"{folder}/version", b"3\n")
        write_record(z, f"{folder}/.data/serialization_id", b"0123456789012345678901234567890123456789")


def torch_save(path, obj, folder="archive", protocol=2, byteorder=b"little"):
    buf = io.BytesIO()
    pickler = TorchPickler(buf, protocol)
    pickler.dump(obj)
    write_archive(path, folder, buf.getvalue(), {k: s.data for k, s in pickler.storages.items()}, byteorder)
    return buf.getvalue()


# ----------------------------------------------------------------------------- values

def pack(kind, values):
    fmt, _ = STORAGE_FORMATS[kind]
    if kind == "BFloat16Storage":
        out = b""
        for v in values:
            bits = struct.unpack("<I", struct.pack("<f", v))[0]
            assert bits & 0xFFFF == 0, f"{v} is not a bfloat16 value"
            out += struct.pack("<H", bits >> 16)
        return out
    return b"".join(struct.pack(fmt, v) for v in values)


def as_float32(v):
    """The float32 a value reads as (round to nearest), as a Python float."""
    return struct.unpack("<f", struct.pack("<f", float(v)))[0]


def tiny_state_dict():
    """Every dtype, a transposed view, views at an offset into one shared storage, an alias, a 0-dim tensor.

    Returns the state dict and the expected float32 values, computed from the logical content (nested lists,
    list slicing), not from strides.
    """
    grid = [[0.5, -1.25, 3.0], [1e-3, -0.0, 65504.5]]                    # [2, 3]
    f32 = Storage("FloatStorage", pack("FloatStorage", sum(grid, [])))
    f16_values = [1.0, -0.5, 65504.0, 2.0 ** -24]
    bf16_values = [1.0, -2.5, 0.15625, -3.3895313892515355e38]
    i64_values = [0, 1, -7, 1 << 40, -(1 << 24)]
    f64_values = [0.1, 2.5]
    bool_values = [True, False, True]
    ten = list(range(10))
    shared = Storage("FloatStorage", pack("FloatStorage", [float(v) for v in ten]))
    step = Storage("LongStorage", pack("LongStorage", [3]))
    tensors = collections.OrderedDict()
    expected = collections.OrderedDict()

    def add(name, tensor, shape, values):
        tensors[name] = tensor
        expected[name] = {"shape": list(shape), "values": [as_float32(v) for v in values]}

    add("f32", Tensor(f32, 0, (2, 3), (3, 1)), (2, 3), sum(grid, []))
    add("transposed", Tensor(f32, 0, (3, 2), (1, 3)), (3, 2), [grid[r][c] for c in range(3) for r in range(2)])
    add("f16", Tensor(Storage("HalfStorage", pack("HalfStorage", f16_values)), 0, (4,), (1,)), (4,), f16_values)
    add("bf16", Tensor(Storage("BFloat16Storage", pack("BFloat16Storage", bf16_values)), 0, (2, 2), (2, 1)),
        (2, 2), bf16_values)
    add("i64", Tensor(Storage("LongStorage", pack("LongStorage", i64_values)), 0, (5,), (1,)), (5,), i64_values)
    add("f64", Tensor(Storage("DoubleStorage", pack("DoubleStorage", f64_values)), 0, (2,), (1,)), (2,), f64_values)
    add("mask", Tensor(Storage("BoolStorage", pack("BoolStorage", bool_values)), 0, (3,), (1,)), (3,),
        [1.0 if b else 0.0 for b in bool_values])
    add("shared_a", Tensor(shared, 0, (2, 2), (2, 1)), (2, 2), ten[0:4])
    add("shared_b", Tensor(shared, 4, (3,), (2,)), (3,), ten[4:10:2])
    add("tied_a", Tensor(shared, 0, (2, 2), (2, 1)), (2, 2), ten[0:4])     # an alias of shared_a
    add("num_batches_tracked", Tensor(step, 0, (), ()), (), [3])
    add("parameter", Parameter(Tensor(f32, 3, (3,), (1,))), (3,), grid[1])
    return state_dict(tensors, [""]), expected, {"tied_a": "shared_a"}


# ----------------------------------------------------------------------------- the golden Marian model

def read_safetensors(path):
    raw = path.read_bytes()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        assert e["dtype"] == "F32", name
        begin, end = e["data_offsets"]
        out[name] = (e["shape"], data[begin:end])
    return out


def sinusoidal(n_pos, dim):
    """HF's MarianSinusoidalPositionalEmbedding table (sin in the first half, cos in the second)."""
    rows = []
    for pos in range(n_pos):
        angles = [pos / math.pow(10000, 2 * (j // 2) / dim) for j in range(dim)]
        rows.append([math.sin(a) for a in angles[0::2]] + [math.cos(a) for a in angles[1::2]])
    return rows


def marian_state_dict():
    """The golden Marian's weights as torch.save(model.state_dict()) of an older transformers wrote them for
    opus-mt: module order, the embedding matrix under four names sharing one storage (model.shared,
    encoder/decoder embed_tokens, lm_head) and the sinusoidal tables stored too."""
    st = read_safetensors(GOLDEN_MARIAN)
    config = json.loads((GOLDEN_MARIAN.parent / "config.json").read_text())
    d, n_pos = config["d_model"], config["max_position_embeddings"]
    storages = {}

    def tensor(name):
        shape, data = st[name]
        s = storages.setdefault(name, Storage("FloatStorage", data))
        return Tensor(s, 0, shape, contiguous_stride(shape))

    table = pack("FloatStorage", sum(sinusoidal(n_pos, d), []))
    sd = collections.OrderedDict()
    prefixes = ["", "model", "model.shared"]
    sd["final_logits_bias"] = tensor("final_logits_bias")
    sd["model.shared.weight"] = tensor("model.shared.weight")
    for stack, layers in (("encoder", config["encoder_layers"]), ("decoder", config["decoder_layers"])):
        sd[f"model.{stack}.embed_tokens.weight"] = tensor("model.shared.weight")
        sd[f"model.{stack}.embed_positions.weight"] = Tensor(Storage("FloatStorage", table), 0, (n_pos, d), (d, 1))
        prefixes += [f"model.{stack}", f"model.{stack}.embed_tokens", f"model.{stack}.embed_positions"]
        attentions = ["self_attn"] + (["encoder_attn"] if stack == "decoder" else [])
        for i in range(layers):
            p = f"model.{stack}.layers.{i}"
            for attn in attentions:
                for proj in ("k_proj", "v_proj", "q_proj", "out_proj"):
                    for kind in ("weight", "bias"):
                        sd[f"{p}.{attn}.{proj}.{kind}"] = tensor(f"{p}.{attn}.{proj}.{kind}")
                for kind in ("weight", "bias"):
                    sd[f"{p}.{attn}_layer_norm.{kind}"] = tensor(f"{p}.{attn}_layer_norm.{kind}")
            for m in ("fc1", "fc2", "final_layer_norm"):
                for kind in ("weight", "bias"):
                    sd[f"{p}.{m}.{kind}"] = tensor(f"{p}.{m}.{kind}")
            prefixes.append(p)
    sd["lm_head.weight"] = tensor("model.shared.weight")
    prefixes.append("lm_head")
    assert set(st) <= set(sd), set(st) - set(sd)
    return state_dict(sd, prefixes)


def contiguous_stride(shape):
    stride, s = [], 1
    for dim in reversed(shape):
        stride.insert(0, s)
        s *= dim
    return tuple(stride)


# ----------------------------------------------------------------------------- hostile and broken files

P = pickle
ECHO = "echo pwned"


def unicode(s):
    b = s.encode("utf-8")
    return P.BINUNICODE + struct.pack("<I", len(b)) + b


def short_unicode(s):
    b = s.encode("utf-8")
    return P.SHORT_BINUNICODE + bytes([len(b)]) + b


def hostile_pickles():
    """Pickles that would run code under a plain pickle.load. Written opcode by opcode (the bytes are the
    point); each is checked to be well-formed by pickletools, which never executes anything."""
    call_echo = unicode(ECHO) + P.TUPLE1 + P.REDUCE
    tensor_dict_prefix = P.PROTO + b"\x02" + P.GLOBAL + b"collections\nOrderedDict\n" + P.EMPTY_TUPLE + P.REDUCE
    frame4 = (short_unicode("os") + P.MEMOIZE + short_unicode("system") + P.MEMOIZE + P.STACK_GLOBAL + P.MEMOIZE
              + short_unicode(ECHO) + P.MEMOIZE + P.TUPLE1 + P.MEMOIZE + P.REDUCE + P.MEMOIZE + P.STOP)
    return {
        # a state dict whose second value runs os.system: the usual shape of a poisoned pytorch_model.bin
        "evil-os-system.bin": tensor_dict_prefix + unicode("weight") + P.GLOBAL + b"os\nsystem\n" + call_echo
                              + P.SETITEM + P.STOP,
        "evil-stack-global.bin": P.PROTO + b"\x04" + P.FRAME + struct.pack("<Q", len(frame4)) + frame4,
        "evil-builtins-eval.bin": P.PROTO + b"\x02" + P.GLOBAL + b"builtins\neval\n"
                                  + unicode("__import__('os').system('echo pwned')") + P.TUPLE1 + P.REDUCE + P.STOP,
        "evil-getattr.bin": P.PROTO + b"\x02" + P.GLOBAL + b"__builtin__\ngetattr\n" + P.STOP,
        # an allowed global (a storage class) called as a function
        "evil-reduce-storage.bin": tensor_dict_prefix + unicode("weight") + P.GLOBAL + b"torch\nFloatStorage\n"
                                   + call_echo + P.SETITEM + P.STOP,
        "evil-inst.bin": P.PROTO + b"\x02" + P.MARK + unicode(ECHO) + P.INST + b"os\nsystem\n" + P.STOP,
    }


def broken_files():
    """Archives that are well-formed zips but wrong inside."""
    one = Storage("FloatStorage", pack("FloatStorage", [1.0, 2.0, 3.0]))
    past_end = state_dict({"w": Tensor(one, 1, (2, 2), (2, 1))}, [""])    # needs elements 1..4 of 3
    buf = io.BytesIO()
    pickler = TorchPickler(buf, 2)
    pickler.dump(past_end)
    out = {"past-end.bin": (buf.getvalue(), {k: s.data for k, s in pickler.storages.items()})}
    # the tiny state dict without its storage '3' (keys follow first appearance: f32, f16, bf16, i64...)
    buf = io.BytesIO()
    pickler = TorchPickler(buf, 2)
    pickler.dump(tiny_state_dict()[0])
    storages = {k: s.data for k, s in pickler.storages.items() if k != "3"}
    out["missing-storage.bin"] = (buf.getvalue(), storages)
    return out


def legacy_file():
    """The head of a torch < 1.6 file: magic number, protocol version and sys_info pickles, then the data."""
    buf = io.BytesIO()
    for obj in (0x1950a86a20f9469cfc6c, 1001,
                {"protocol_version": 1001, "little_endian": True, "type_sizes": {"short": 2, "int": 4, "long": 4}}):
        pickle.dump(obj, buf, protocol=2)
    return buf.getvalue()


# ----------------------------------------------------------------------------- plain values

PLAIN_VALUES = {
    "float": 1.5, "tiny": -2.5e-300, "int1": 200, "int2": 65000, "int4": -7, "long": -(1 << 40), "huge": 1 << 62,
    "none": None, "true": True, "false": False, "text": "h\u00e9llo \u2192 \U0001d11e", "empty": "",
    "list": [1, 2, 3], "one": [0.25], "tuple": (1, "a", None), "pair": (True, False), "unit": (), "nested": {"a": [[]]},
    "shared": None,
}


def plain_values():
    """Every non-torch value kind, with a repeated (memoised) object; the JSON twin is the expected result."""
    values = dict(PLAIN_VALUES)
    values["shared"] = values["list"]
    return values


# ----------------------------------------------------------------------------- main

def main():
    tiny, expected, aliases = tiny_state_dict()
    torch_save(HERE / "tiny.bin", tiny)
    torch_save(HERE / "tiny-protocol4.bin", tiny_state_dict()[0], folder="tiny", protocol=4)
    torch_save(HERE / "big-endian.bin", tiny_state_dict()[0], byteorder=b"big")
    lines = [f"  {json.dumps(name)}: {json.dumps(e)}" for name, e in expected.items()]
    (HERE / "tiny.expected.json").write_text('{"aliases": ' + json.dumps(aliases) + ', "tensors": {\n'
                                             + ",\n".join(lines) + "\n}}\n")
    torch_save(HERE / "marian-mt.bin", marian_state_dict(), folder="pytorch_model")
    for name, data in hostile_pickles().items():
        pickletools.dis(data, out=io.StringIO())            # well-formed, never executed
        write_archive(HERE / name, "archive", data, {})
    for name, (data, storages) in broken_files().items():
        write_archive(HERE / name, "archive", data, storages)
    (HERE / "legacy.bin").write_bytes(legacy_file())
    for protocol in (2, 5):
        (HERE / f"values-protocol{protocol}.pkl").write_bytes(pickle.dumps(plain_values(), protocol=protocol))
    (HERE / "values.expected.json").write_text(json.dumps(plain_values()) + "\n")
    for f in sorted(HERE.glob("*.bin")):
        print(f"{f.name:28s} {f.stat().st_size:8d} bytes")


if __name__ == "__main__":
    main()
