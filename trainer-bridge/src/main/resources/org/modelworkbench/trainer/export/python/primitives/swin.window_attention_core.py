import math

import torch
from torch import nn


def _WindowAttentionCore_index(win):
    """W²×W² indices into the (2W−1)² rows of the bias table: token pair (i, j) reads row
    (Δrow + W − 1)·(2W − 1) + (Δcol + W − 1), as timm's relative_position_index.
    """
    coords = torch.stack(torch.meshgrid(torch.arange(win), torch.arange(win), indexing="ij")).flatten(1)
    rel = coords[:, :, None] - coords[:, None, :] + (win - 1)  # 2, W², W²
    return rel[0] * (2 * win - 1) + rel[1]


def _WindowAttentionCore_mask(height, width, win, shift_h, shift_w):
    """timm's attn_mask for a map rolled by (−s, −s), s = ⌊W/2⌋: regions [0, H−W), [H−W, H−s),
    [H−s, H) on each shifted axis; token pairs of different regions inside a window get −100.
    Shape nW×W²×W², windows row-major.
    """
    shift = win // 2
    labels = torch.zeros(height, width)
    rows = (slice(0, height - win), slice(height - win, height - shift), slice(height - shift, None))
    cols = (slice(0, width - win), slice(width - win, width - shift), slice(width - shift, None))
    for a, rs in enumerate(rows if shift_h else (slice(None),)):
        for b, cs in enumerate(cols if shift_w else (slice(None),)):
            labels[rs, cs] = 3 * a + b
    windows = labels.reshape(height // win, win, width // win, win).transpose(1, 2).reshape(-1, win * win)
    differs = windows[:, None, :] != windows[:, :, None]
    return differs.float() * -100.0


class WindowAttentionCore(nn.Module):
    """Swin's W-MSA / SW-MSA core (Liu et al. 2021; timm WindowAttention with the mask of
    SwinTransformerBlock), without the qkv and proj Linears: packed q, k, v N×H×W×3C → N×H×W×C.

    The map is cut into W×W windows; per window and head softmax(q·kᵀ/√(C/h) + B + mask)·v, B from
    the learned relative_position_bias_table ((2W−1)²×h). With ``shifted`` the map arrives rolled by
    (−⌊W/2⌋, −⌊W/2⌋) and pairs from different regions get −100; an axis no longer than the window
    is not shifted (timm's and torchvision's rule). H and W must be multiples of W.
    """

    def __init__(self, ins, heads=3, window=7, shifted=False):
        super().__init__()
        h, w, c3 = ins[0]
        if h % window or w % window:
            raise ValueError(f"swin.window_attention_core: window {window} must divide the {h}×{w} map")
        if c3 % 3 or (c3 // 3) % heads:
            raise ValueError(f"swin.window_attention_core: the last dimension {c3} must be 3·C with "
                             f"heads = {heads} dividing C")
        self.heads, self.window = heads, window
        span = 2 * window - 1
        self.relative_position_bias_table = nn.Parameter(torch.empty(span * span, heads))
        nn.init.normal_(self.relative_position_bias_table, std=0.02)
        self.register_buffer("relative_position_index", _WindowAttentionCore_index(window), persistent=False)
        shift_h, shift_w = shifted and h > window, shifted and w > window
        mask = _WindowAttentionCore_mask(h, w, window, shift_h, shift_w) if shift_h or shift_w else None
        self.register_buffer("attn_mask", mask, persistent=False)

    def forward(self, x):
        n, h, w, c3 = x.shape
        c, win, heads = c3 // 3, self.window, self.heads
        nh, nw, tokens = h // win, w // win, self.window * self.window
        windows = n * nh * nw
        # window partition: N, nH, W, nW, W, 3C → (N·nH·nW), W², 3, h, C/h → 3, windows, h, W², C/h
        qkv = x.reshape(n, nh, win, nw, win, c3).permute(0, 1, 3, 2, 4, 5)
        qkv = qkv.reshape(windows, tokens, 3, heads, c // heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = (q * (1.0 / math.sqrt(c / heads))) @ k.transpose(-2, -1)
        bias = self.relative_position_bias_table[self.relative_position_index.reshape(-1)]
        attn = attn + bias.reshape(tokens, tokens, heads).permute(2, 0, 1).unsqueeze(0)
        if self.attn_mask is not None:
            attn = attn.reshape(n, nh * nw, heads, tokens, tokens) + self.attn_mask[None, :, None]
            attn = attn.reshape(windows, heads, tokens, tokens)
        y = (attn.softmax(-1) @ v).transpose(1, 2).reshape(windows, tokens, c)
        # window reverse
        return y.reshape(n, nh, nw, win, win, c).permute(0, 1, 3, 2, 4, 5).reshape(n, h, w, c)
