"""The PyTorch peer for the book's MNIST models, trained on the same Fashion-MNIST files with Keras' settings.

Gives the number the Java examples are compared with in docs/chapter02.md (2.1) and docs/chapter05.md (5.1):
glorot_uniform weights and zero biases, RMSprop(lr=1e-3, rho=0.9, eps=1e-7), shuffled every epoch, pixels
scaled to [0, 1], categorical crossentropy.

    python3 docs/reference/torch_fashion_mnist.py --model dense   --epochs 5 --batch-size 128 --seeds 1 2 3
    python3 docs/reference/torch_fashion_mnist.py --model convnet --epochs 5 --batch-size 64

Needs Debian's python3-torch, python3-numpy and dataset-fashion-mnist (or --data-dir with the four IDX files).
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(data_dir):
    def part(name):
        return read_idx(os.path.join(data_dir, name))
    return (part("train-images-idx3-ubyte.gz"), part("train-labels-idx1-ubyte.gz"),
            part("t10k-images-idx3-ubyte.gz"), part("t10k-labels-idx1-ubyte.gz"))


def model(name):
    if name == "dense":  # book 2.1
        layers = [nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 10)]
    else:  # book 5.1, channels first
        layers = [nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Conv2d(64, 64, 3), nn.ReLU(),
                  nn.Flatten(), nn.Linear(3 * 3 * 64, 64), nn.ReLU(), nn.Linear(64, 10)]
    net = nn.Sequential(*layers)
    for layer in net:
        if isinstance(layer, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    return net


def run(args, seed, data):
    torch.manual_seed(seed)
    x_train, y_train, x_test, y_test = data
    x = torch.from_numpy(x_train.astype(np.float32) / 255).unsqueeze(1)
    y = torch.from_numpy(y_train.astype(np.int64))
    xt = torch.from_numpy(x_test.astype(np.float32) / 255).unsqueeze(1)
    yt = torch.from_numpy(y_test.astype(np.int64))
    net = model(args.model)
    optimizer = torch.optim.RMSprop(net.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        start = time.time()
        order = torch.randperm(len(x))
        total = 0.0
        for i in range(0, len(x), args.batch_size):
            rows = order[i:i + args.batch_size]
            optimizer.zero_grad()
            loss = loss_fn(net(x[rows]), y[rows])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(rows)
        print(f"seed {seed} epoch {epoch + 1}/{args.epochs}: loss {total / len(x):.4f} ({time.time() - start:.1f} s)")
    with torch.no_grad():
        logits = net(xt)
        test_loss = loss_fn(logits, yt).item()
        test_acc = (logits.argmax(1) == yt).float().mean().item()
    print(f"seed {seed}: test_loss {test_loss:.4f} test_acc {test_acc:.4f}")
    return test_acc


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=["dense", "convnet"], default="dense")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    data = load(args.data_dir)
    accuracies = [run(args, seed, data) for seed in args.seeds]
    print(f"model={args.model} test_acc mean {np.mean(accuracies):.4f} over seeds {args.seeds}: "
          + ", ".join(f"{a:.4f}" for a in accuracies))


if __name__ == "__main__":
    main()
