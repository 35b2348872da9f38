import torch
from torch import nn


class LayerScale(nn.Module):
    """Per-channel learned scale γ (Touvron et al., CaiT 2021), initialised small so that a residual
    branch starts close to identity. ``layout`` says where the channels are: the last dimension
    (channels_last) or dimension 1 (channels_first). Shape unchanged.
    """

    def __init__(self, ins, init=1e-6, layout=None):
        super().__init__()
        if layout in (None, "auto"):
            raise ValueError("norm.layer_scale: layout auto follows the input's layout, which a shape "
                             "cannot tell; pass channels_first or channels_last")
        if layout not in ("channels_first", "channels_last"):
            raise ValueError(f"norm.layer_scale: unknown layout {layout!r}")
        self.channels_first = layout == "channels_first"
        c = ins[0][0] if self.channels_first else ins[0][-1]
        self.gamma = nn.Parameter(torch.full((c,), float(init)))

    def forward(self, x):
        if self.channels_first:
            return x * self.gamma.view((1, -1) + (1,) * (x.dim() - 2))
        return x * self.gamma
