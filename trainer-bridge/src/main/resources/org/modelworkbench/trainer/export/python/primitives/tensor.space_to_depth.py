from torch import nn


class SpaceToDepth(nn.Module):
    """Moves each b×b neighbourhood into the channels.

    channels_last: N×H×W×C → N×H/b×W/b×b²C in Swin's patch-merging order, channel block j·b + i
    holding x[:, i::b, j::b] (for b = 2: (0,0), (1,0), (0,1), (1,1)).
    channels_first: N×C×H×W → N×b²C×H/b×W/b, channel c·b² + i·b + j, as torch.pixel_unshuffle.
    """

    def __init__(self, ins, block=2, layout="channels_last"):
        super().__init__()
        if layout not in ("channels_last", "channels_first"):
            raise ValueError(f"tensor.space_to_depth: unknown layout {layout!r}")
        self.block, self.channels_last = block, layout == "channels_last"

    def forward(self, x):
        b = self.block
        if self.channels_last:
            n, h, w, c = x.shape
            # N, H/b, i, W/b, j, C → N, H/b, W/b, j, i, C
            y = x.reshape(n, h // b, b, w // b, b, c).permute(0, 1, 3, 4, 2, 5)
            return y.reshape(n, h // b, w // b, b * b * c)
        n, c, h, w = x.shape
        y = x.reshape(n, c, h // b, b, w // b, b).permute(0, 1, 3, 5, 2, 4)
        return y.reshape(n, c * b * b, h // b, w // b)
