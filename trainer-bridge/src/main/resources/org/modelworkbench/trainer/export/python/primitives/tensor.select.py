from torch import nn


class Select(nn.Module):
    """Takes one index along ``dim`` (counting the batch dimension) and drops that dimension; a
    negative index counts from the end (ViT's head: index 0 of N×T×D along 1 gives N×D).
    """

    def __init__(self, ins, dim=1, index=0):
        super().__init__()
        self.dim, self.index = dim, index

    def forward(self, x):
        return x.select(self.dim, self.index)
