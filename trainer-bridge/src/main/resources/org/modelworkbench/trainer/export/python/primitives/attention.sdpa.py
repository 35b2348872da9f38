import math

from torch import nn


class ScaledDotProductAttention(nn.Module):
    """The attention core (Vaswani et al. 2017) on packed q, k, v, N×T×3D → N×T×D.

    As timm's Attention after its qkv Linear: reshape to (N, T, 3, h, D/h), softmax(q·kᵀ/√(D/h))·v per
    head, heads joined back in order.
    """

    def __init__(self, ins, heads=8):
        super().__init__()
        if ins[0][-1] % 3 or (ins[0][-1] // 3) % heads:
            raise ValueError(f"attention.sdpa: the last dimension {ins[0][-1]} must be 3·D with heads = "
                             f"{heads} dividing D")
        self.heads = heads

    def forward(self, x):
        n, t, d3 = x.shape
        d = d3 // 3
        dh = d // self.heads
        qkv = x.reshape(n, t, 3, self.heads, dh).permute(2, 0, 3, 1, 4)  # 3, N, h, T, D/h
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = (q * (1.0 / math.sqrt(dh))) @ k.transpose(-2, -1)
        attn = attn.softmax(-1)
        return (attn @ v).transpose(1, 2).reshape(n, t, d)
