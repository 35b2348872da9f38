from torch import nn


class Permute(nn.Module):
    """Reorders dimensions; ``dims`` counts the batch dimension ([0, 2, 3, 1]: N×C×H×W → N×H×W×C)."""

    def __init__(self, ins, dims=(0, 2, 3, 1)):
        super().__init__()
        self.dims = tuple(dims)

    def forward(self, x):
        return x.permute(self.dims)
