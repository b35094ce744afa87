"""An independent Llama forward pass over an lmlab checkpoint, written from transformers' LlamaForCausalLM
semantics (modeling_llama.py: LlamaRMSNorm, rotate_half RoPE, causal softmax attention, SwiGLU MLP,
tie_word_embeddings) and reading only the checkpoint's Hugging Face tensor names and config.json.

It checks that what lmlab writes is what transformers would load and run: lmlab's test exports a model, runs this
script on it, and compares logits. Usage (Debian's python3-torch):

    /usr/bin/python3 bench/hf_llama_forward.py <checkpoint-dir> <token ids ...>

prints {"logits": [[...], ...]} for the sequence. The safetensors file is parsed by hand (8-byte header length,
JSON header, raw little-endian data) so no extra package is needed.
"""
import json
import math
import struct
import sys

import torch

DTYPES = {"F32": torch.float32, "F64": torch.float64, "BF16": torch.bfloat16}


def load_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        t = torch.frombuffer(bytearray(data[start:end]), dtype=DTYPES[meta["dtype"]])
        out[name] = t.reshape(meta["shape"])
    return out


def rms_norm(x, weight, eps):
    # LlamaRMSNorm: variance in float32 (here: the checkpoint's own precision), then scale by the weight.
    variance = x.pow(2).mean(-1, keepdim=True)
    return weight * (x * torch.rsqrt(variance + eps))


def rotate_half(x):
    x1, x2 = x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def forward(w, cfg, ids):
    dtype = w["model.embed_tokens.weight"].dtype
    d, heads = cfg["hidden_size"], cfg["num_attention_heads"]
    head_dim = cfg.get("head_dim", d // heads)
    eps, theta = cfg["rms_norm_eps"], cfg["rope_theta"]
    t = len(ids)
    inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim))
    freqs = torch.outer(torch.arange(t, dtype=torch.float64), inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos().to(dtype), emb.sin().to(dtype)
    mask = torch.full((t, t), float("-inf"), dtype=dtype).triu(1)

    h = w["model.embed_tokens.weight"][torch.tensor(ids)]
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{i}."
        x = rms_norm(h, w[p + "input_layernorm.weight"], eps)
        q = (x @ w[p + "self_attn.q_proj.weight"].T).view(t, heads, head_dim).transpose(0, 1)
        k = (x @ w[p + "self_attn.k_proj.weight"].T).view(t, heads, head_dim).transpose(0, 1)
        v = (x @ w[p + "self_attn.v_proj.weight"].T).view(t, heads, head_dim).transpose(0, 1)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(head_dim) + mask, dim=-1)
        o = (att @ v).transpose(0, 1).reshape(t, heads * head_dim)
        h = h + o @ w[p + "self_attn.o_proj.weight"].T
        x = rms_norm(h, w[p + "post_attention_layernorm.weight"], eps)
        gate = x @ w[p + "mlp.gate_proj.weight"].T
        up = x @ w[p + "mlp.up_proj.weight"].T
        h = h + (torch.nn.functional.silu(gate) * up) @ w[p + "mlp.down_proj.weight"].T
    h = rms_norm(h, w["model.norm.weight"], eps)
    head = w["model.embed_tokens.weight"] if cfg["tie_word_embeddings"] else w["lm_head.weight"]
    return h @ head.T


def main():
    ckpt, ids = sys.argv[1], [int(x) for x in sys.argv[2:]]
    with open(f"{ckpt}/config.json") as f:
        cfg = json.load(f)
    assert cfg["model_type"] == "llama" and cfg["hidden_act"] == "silu", "not a Llama config"
    w = load_safetensors(f"{ckpt}/model.safetensors")
    with torch.no_grad():
        logits = forward(w, cfg, ids)
    print(json.dumps({"logits": logits.double().tolist()}))


if __name__ == "__main__":
    main()
