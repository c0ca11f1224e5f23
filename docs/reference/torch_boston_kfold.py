"""The PyTorch peer for section 3.6's K-fold validation on Boston housing, for comparing seeds.

The same experiment as dlwj.chapter03.BostonHousingRegression, with Keras 2.0.8's settings: Keras'
boston_housing.load_data() split (numpy seed 113, 20% test), features normalised with the training data's
mean and standard deviation, 4 folds in order, Dense(64, relu) x2 + Dense(1) with glorot_uniform weights
and zero biases, RMSprop(lr=1e-3, rho=0.9, eps=1e-8) from a zero accumulator, mse, batches of 1 shuffled
every epoch, 500 epochs, validation MAE after each. Prints, per seed, the folds' mean MAE at epoch 100 and
the epoch where the smoothed average curve (first 10 epochs left out, factor 0.9: figure 3.20) is lowest.

    /usr/bin/python3 docs/reference/torch_boston_kfold.py --data boston_housing.npz --seeds 1 2

Needs Debian's python3-torch and python3-numpy; boston_housing.npz as Keras publishes it.
"""
import argparse

import numpy as np
import torch
from torch import nn


def load(path):
    with np.load(path) as f:
        x, y = f["x"], f["y"]
    np.random.seed(113)
    order = np.arange(len(x))
    np.random.shuffle(order)
    x, y = x[order], y[order]
    train = int(len(x) * 0.8)
    x_train = x[:train]
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    return torch.tensor((x_train - mean) / std, dtype=torch.float32), torch.tensor(y[:train], dtype=torch.float32)


def build():
    net = nn.Sequential(nn.Linear(13, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1))
    for layer in net:
        if isinstance(layer, nn.Linear):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    return net


def fold_history(x, y, x_val, y_val, epochs):
    net = build()
    optimizer = torch.optim.RMSprop(net.parameters(), lr=1e-3, alpha=0.9, eps=1e-8)
    history = []
    for _ in range(epochs):
        for row in torch.randperm(len(x)):
            optimizer.zero_grad()
            loss = ((net(x[row:row + 1]).squeeze(1) - y[row:row + 1]) ** 2).mean()
            loss.backward()
            optimizer.step()
        with torch.no_grad():
            history.append(float((net(x_val).squeeze(1) - y_val).abs().mean()))
    return history


def smooth(points, factor=0.9):
    smoothed = []
    for point in points:
        smoothed.append(smoothed[-1] * factor + point * (1 - factor) if smoothed else point)
    return smoothed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--epochs", type=int, default=500)
    args = parser.parse_args()
    x, y = load(args.data)
    size = len(x) // 4
    for seed in args.seeds:
        torch.manual_seed(seed)
        histories = []
        for k in range(4):
            validation = slice(k * size, (k + 1) * size)
            keep = torch.cat([torch.arange(0, k * size), torch.arange((k + 1) * size, len(x))])
            histories.append(fold_history(x[keep], y[keep], x[validation], y[validation], args.epochs))
        average = np.mean(histories, axis=0)
        smoothed = smooth(list(average[10:]))
        print(f"seed {seed}: mean validation MAE at epoch {min(100, args.epochs)} "
              f"{np.mean([h[min(100, args.epochs) - 1] for h in histories]):.2f}, smoothed curve lowest at epoch "
              f"{int(np.argmin(smoothed)) + 11}", flush=True)


if __name__ == "__main__":
    main()
