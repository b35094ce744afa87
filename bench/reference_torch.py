"""PyTorch reference for `lmlab bench train`: the same Llama-shaped model, optimizer and step as lmlab's
reference config, timed the same way. Prints one JSON line.

Run with Debian's python3-torch (1.13) under /usr/bin/python3; lmlab sets OMP_WAIT_POLICY and the thread
counts in the environment so both sides use the same threads. PyTorch 1.13 has no fused SDPA or RMSNorm
kernels, so attention is softmax(QK^T/sqrt(d) + mask)V and RMSNorm is written out — the fastest forms it has.
"""
import argparse
import json
import math
import os
import statistics
import time

import torch
import torch.nn.functional as F


class RMSNorm(torch.nn.Module):
    def __init__(self, d, eps):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(d))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rope_tables(head_dim, max_len, theta):
    inv = theta ** (-torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim)
    freqs = torch.outer(torch.arange(max_len, dtype=torch.float64), inv)
    emb = torch.cat([freqs, freqs], -1)
    return emb.cos().float(), emb.sin().float()


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat([-x[..., h:], x[..., :h]], -1)


class Block(torch.nn.Module):
    def __init__(self, d, heads, ff, eps, cos, sin, std, out_std):
        super().__init__()
        self.heads, self.hd, self.ff = heads, d // heads, ff
        self.norm1, self.norm2 = RMSNorm(d, eps), RMSNorm(d, eps)
        self.qkv = torch.nn.Linear(d, 3 * d, bias=False)
        self.o = torch.nn.Linear(d, d, bias=False)
        self.gate_up = torch.nn.Linear(d, 2 * ff, bias=False)
        self.down = torch.nn.Linear(ff, d, bias=False)
        for lin, s in ((self.qkv, std), (self.o, out_std), (self.gate_up, std), (self.down, out_std)):
            torch.nn.init.normal_(lin.weight, std=s)
        self.cos, self.sin = cos, sin

    def forward(self, x, mask):
        b, t, d = x.shape
        h = self.norm1(x)
        q, k, v = self.qkv(h).view(b, t, 3, self.heads, self.hd).permute(2, 0, 3, 1, 4)
        cos, sin = self.cos[:t], self.sin[:t]
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(self.hd))
        att = att.masked_fill(mask[:t, :t], float("-inf")).softmax(-1)
        z = (att @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.o(z)
        gate, up = self.gate_up(self.norm2(x)).split(self.ff, -1)
        return x + self.down(F.silu(gate) * up)


class Model(torch.nn.Module):
    def __init__(self, vocab, d, heads, layers, ff, seq, eps=1e-5, std=0.02, theta=10000.0):
        super().__init__()
        cos, sin = rope_tables(d // heads, seq, theta)
        out_std = std / math.sqrt(2 * layers)
        self.embed = torch.nn.Embedding(vocab, d)
        torch.nn.init.normal_(self.embed.weight, std=std)
        self.blocks = torch.nn.ModuleList(Block(d, heads, ff, eps, cos, sin, std, out_std) for _ in range(layers))
        self.norm = RMSNorm(d, eps)
        self.head = torch.nn.Linear(d, vocab, bias=False)
        torch.nn.init.normal_(self.head.weight, std=std)
        self.register_buffer("mask", torch.ones(seq, seq, dtype=torch.bool).triu(1))

    def forward(self, ids):
        x = self.embed(ids)
        for blk in self.blocks:
            x = blk(x, self.mask)
        return self.head(self.norm(x))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--vocab", type=int, default=512)
    p.add_argument("--d-model", type=int, default=256)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--ff", type=int, default=704)
    p.add_argument("--seq", type=int, default=128)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--precision", choices=["fp32", "bf16-mixed"], default="fp32",
                   help="bf16-mixed: float32 weights and optimizer state, forward under torch.autocast(cpu, bf16)")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = Model(a.vocab, a.d_model, a.heads, a.layers, a.ff, a.seq)
    decay = [p for n, p in model.named_parameters() if p.dim() == 2 and "embed" not in n]
    other = [p for n, p in model.named_parameters() if not (p.dim() == 2 and "embed" not in n)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": other, "weight_decay": 0.0}],
                            lr=a.lr, betas=(0.9, 0.95), eps=1e-8, foreach=True)
    g = torch.Generator().manual_seed(1)
    times = []
    for step in range(a.warmup + a.steps):
        ids = torch.randint(a.vocab, (a.batch, a.seq + 1), generator=g)
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=a.precision == "bf16-mixed"):
            logits = model(ids[:, :-1])
        logits = logits.float()
        loss = F.cross_entropy(logits.reshape(-1, a.vocab), ids[:, 1:].reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        loss.item()
        if step >= a.warmup:
            times.append(time.perf_counter() - t0)
    ms = statistics.median(times) * 1000
    print(json.dumps({
        "torch": torch.__version__, "threads": torch.get_num_threads(), "median_ms": ms,
        "tokens_per_s": a.batch * a.seq / (ms / 1000), "params": sum(p.numel() for p in model.parameters()),
        "final_loss": loss.item(), "precision": a.precision,
        "env": {k: os.environ.get(k) for k in ("OMP_WAIT_POLICY", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                                  "OPENBLAS_THREAD_TIMEOUT", "OPENBLAS_CORETYPE", "MALLOC_MMAP_THRESHOLD_")},
        "blas": "openblas" if "openblas" in torch.__config__.show().lower() else "other",
    }))


if __name__ == "__main__":
    main()
