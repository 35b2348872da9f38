import torch
from torch import nn


class Flatten(nn.Module):
    """Merges dimensions start_dim … end_dim into one (N×C×H×W → N×C·H·W by default).

    Dimension indices count the batch dimension (0 is N), as torch.flatten's.
    """

    def __init__(self, ins, start_dim=1, end_dim=-1):
        super().__init__()
        self.start_dim, self.end_dim = start_dim, end_dim

    def forward(self, x):
        return torch.flatten(x, self.start_dim, self.end_dim)
