import math

import torch
from torch import nn


def _SinCosPosition_table(tokens, d):
    """PE(t, 2i) = sin(t/10000^(2i/D)), PE(t, 2i+1) = cos(t/10000^(2i/D)), in float64 then float32."""
    table = torch.zeros(tokens, d, dtype=torch.float64)
    for i in range(d // 2):
        angle = torch.arange(tokens, dtype=torch.float64) / math.pow(10000, 2.0 * i / d)
        table[:, 2 * i] = angle.sin()
        table[:, 2 * i + 1] = angle.cos()
    return table.float().unsqueeze(0)


class SinCosPosition(nn.Module):
    """Adds the Transformer's fixed sine/cosine table (Vaswani et al. 2017), N×T×D → N×T×D.

    No parameters; the table is a non-persistent buffer for the input's T×D.
    """

    def __init__(self, ins):
        super().__init__()
        t, d = ins[0]
        self.register_buffer("table", _SinCosPosition_table(t, d), persistent=False)

    def forward(self, x):
        table = self.table
        if table.shape[1:] != x.shape[1:]:  # another sequence length than the design's
            table = _SinCosPosition_table(x.shape[1], x.shape[2]).to(x.device)
        return x + table.to(x.dtype)
