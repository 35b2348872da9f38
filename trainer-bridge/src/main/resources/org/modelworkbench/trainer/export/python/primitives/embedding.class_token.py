import torch
from torch import nn


class ClassToken(nn.Module):
    """Prepends a learned class token (Dosovitskiy et al., ViT 2021), N×T×D → N×(T+1)×D."""

    def __init__(self, ins):
        super().__init__()
        d = ins[0][1]
        self.cls_token = nn.Parameter(torch.empty(1, 1, d))
        nn.init.normal_(self.cls_token, std=0.02)

    def forward(self, x):
        return torch.cat((self.cls_token.expand(x.shape[0], -1, -1), x), 1)
