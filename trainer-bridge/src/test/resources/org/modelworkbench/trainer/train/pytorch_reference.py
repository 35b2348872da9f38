"""Reference numbers for OptimizersTest, SchedulesTest and LossTest, computed with PyTorch 1.13
(Debian's python3-torch: /usr/bin/python3 pytorch_reference.py). The Java tests hold the printed
numbers; rerun this script to see where they came from."""
import torch
import torch.nn.functional as F

torch.set_printoptions(precision=10)
P0 = torch.tensor([[0.5, -1.0, 2.0], [0.25, -0.75, 1.5]], dtype=torch.float64)
C = torch.tensor([[1.0, 0.5, -0.25], [2.0, -1.0, 0.1]], dtype=torch.float64)
D = torch.tensor([[0.3, -0.2, 0.1], [-0.4, 0.6, -0.05]], dtype=torch.float64)
LRS = [0.1, 0.05, 0.02]


def run(make):
    p = P0.clone().requires_grad_(True)
    opt = make([p])
    for lr in LRS:
        for g in opt.param_groups:
            g["lr"] = lr
        loss = (C * p * p).sum() + (D * p).sum()  # gradient 2·C·p + D
        loss.backward()
        opt.step()
        opt.zero_grad()
    return p.detach().flatten().tolist()


print("sgd nesterov 0.9 wd 5e-4:", run(lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True, weight_decay=5e-4)))
print("sgd momentum 0.9:", run(lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9)))
print("sgd plain wd 1e-2:", run(lambda ps: torch.optim.SGD(ps, lr=0.1, weight_decay=1e-2)))
print("adamw 0.9/0.999 wd 0.05:", run(lambda ps: torch.optim.AdamW(ps, lr=0.1, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.05)))


def lrs(make, steps):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.2)
    sched = make(opt)
    out = []
    for _ in range(steps):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return out


one = lrs(lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.2, total_steps=100, pct_start=0.25,
                                                       anneal_strategy="cos", div_factor=25, final_div_factor=1e4,
                                                       cycle_momentum=False), 100)
print("one-cycle 0.2/100 at 0,1,10,24,25,50,99:", [one[i] for i in (0, 1, 10, 24, 25, 50, 99)])
cos = lrs(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=50), 50)
print("cosine 0.2/50 at 0,1,10,25,49:", [cos[i] for i in (0, 1, 10, 25, 49)])
warm = lrs(lambda o: torch.optim.lr_scheduler.SequentialLR(o, [
    torch.optim.lr_scheduler.LinearLR(o, start_factor=1 / 25, end_factor=1.0, total_iters=10),
    torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=40)], milestones=[10]), 50)
print("warm-up 10 + cosine 40 at 0,1,5,9,10,11,30,49:", [warm[i] for i in (0, 1, 5, 9, 10, 11, 30, 49)])

logits = torch.tensor([[2.0, -1.0, 0.5, 0.0, 1.5], [0.1, 0.2, 0.3, 0.4, 0.5],
                       [-3.0, 4.0, 0.0, 1.0, -1.0], [1.0, 1.0, 1.0, 1.0, 8.0]], dtype=torch.float64)
labels = torch.tensor([0, 4, 2, 4])
print("cross-entropy:", F.cross_entropy(logits, labels).item())
print("cross-entropy smoothing 0.1:", F.cross_entropy(logits, labels, label_smoothing=0.1).item())
