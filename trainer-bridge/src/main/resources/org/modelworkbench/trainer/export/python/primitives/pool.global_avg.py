from torch import nn


class GlobalAvgPool(nn.Module):
    """Average over all positions (Lin et al., Network in Network 2013).

    ``layout``: channels_first N×C×H×W, channels_last N×H×W×C or tokens N×T×C → N×C; with
    ``keep_dims`` the pooled dimensions stay with size 1 (N×C×1×1, N×1×1×C, N×1×C).
    """

    _AXES = {"channels_first": (2, 3), "channels_last": (1, 2), "tokens": (1,)}

    def __init__(self, ins, layout=None, keep_dims=False):
        super().__init__()
        if layout in (None, "auto"):
            raise ValueError("pool.global_avg: layout auto follows the input's layout, which a shape "
                             "cannot tell; pass channels_first, channels_last or tokens")
        if layout not in self._AXES:
            raise ValueError(f"pool.global_avg: unknown layout {layout!r}")
        self.axes, self.keep_dims = self._AXES[layout], keep_dims

    def forward(self, x):
        return x.mean(self.axes, keepdim=self.keep_dims)
