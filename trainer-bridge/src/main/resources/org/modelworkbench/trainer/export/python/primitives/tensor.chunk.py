import torch
from torch import nn


class Chunk(nn.Module):
    """Cuts the input into ``chunks`` equal pieces along ``dim`` (counting the batch dimension);
    returns a tuple. The size must divide evenly.
    """

    def __init__(self, ins, chunks=2, dim=1):
        super().__init__()
        self.chunks, self.dim = chunks, dim

    def forward(self, x):
        return tuple(torch.chunk(x, self.chunks, self.dim))
