import torch
from torch import nn


class LearnedPosition(nn.Module):
    """Adds a learned vector per position (Dosovitskiy et al., ViT 2021), N×T×D → N×T×D."""

    def __init__(self, ins):
        super().__init__()
        t, d = ins[0]
        self.pos_embed = nn.Parameter(torch.empty(1, t, d))
        nn.init.normal_(self.pos_embed, std=0.02)

    def forward(self, x):
        return x + self.pos_embed
