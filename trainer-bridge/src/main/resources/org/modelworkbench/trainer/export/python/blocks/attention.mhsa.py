# needs: linear.linear, attention.sdpa
from torch import nn


class MultiHeadSelfAttention(nn.Module):
    """Global multi-head self-attention (Vaswani et al., "Attention is all you need", NeurIPS 2017).

    Linear D→3D (qkv), the scaled dot-product attention core with `heads` heads, Linear D→D (proj), as
    timm's ViT Attention. Input and output are tokens N×T×D.
    """

    def __init__(self, ins, heads=8, qkv_bias=True, proj_bias=True):
        super().__init__()
        t, d = ins[0]
        if d % heads != 0:
            raise ValueError(f"attention.mhsa: heads = {heads} must divide the width {d}")
        self.qkv = Linear([(t, d)], out_features=3 * d, bias=qkv_bias)
        self.attention = ScaledDotProductAttention([(t, 3 * d)], heads=heads)
        self.proj = Linear([(t, d)], out_features=d, bias=proj_bias)

    def forward(self, x):
        return self.proj(self.attention(self.qkv(x)))
