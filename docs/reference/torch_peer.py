"""The benchmark's models in PyTorch, on the same synthetic data shapes, timed the same way.

Prints one line per model in the benchmark's format, `model=NAME samples=N epoch_s=MEDIAN samples_per_s=RATE
threads=T`: the first epoch is a warm-up, the median of the next --epochs is reported. Each model is the book's
(the layers, the loss, RMSprop with Keras' settings), trained on random inputs of its shapes, as the project's
benchmark trains DL4J's. compare_with_torch.py runs the two alternating.

    /usr/bin/python3 docs/reference/torch_peer.py --epochs 2 mnist-dense jena-gru

Needs Debian's python3-torch (and libopenblas0-openmp); nothing else.
"""
import argparse
import os
import statistics
import time

import torch
from torch import nn


def rmsprop(model):
    # Keras 2.0.8's RMSprop: lr 0.001, rho 0.9, epsilon 1e-8 added outside the square root, as PyTorch adds it
    return torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-8)


def dense(sizes, last):
    layers = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        layers += [nn.Linear(n_in, n_out), nn.ReLU()]
    layers[-1] = last
    return nn.Sequential(*layers)


def convnet(channels, head):
    layers, n_in = [], channels[0]
    for n_out in channels[1:]:
        layers += [nn.Conv2d(n_in, n_out, 3), nn.ReLU(), nn.MaxPool2d(2)]
        n_in = n_out
    return nn.Sequential(*layers, nn.Flatten(), *head)


def mnist_convnet():
    # listing 5.1-5.2: 32, pool, 64, pool, 64 (no pool after the last), Dense(64), Dense(10)
    return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Conv2d(64, 64, 3), nn.ReLU(), nn.Flatten(), nn.Linear(576, 64),
                         nn.ReLU(), nn.Linear(64, 10))


def vgg16_base():
    layers, n_in = [], 3
    for block in ([64] * 2, [128] * 2, [256] * 3, [512] * 3, [512] * 3):
        for n_out in block:
            layers += [nn.Conv2d(n_in, n_out, 3, padding=1), nn.ReLU()]
            n_in = n_out
        layers.append(nn.MaxPool2d(2))
    return nn.Sequential(*layers)


class Recurrent(nn.Module):
    """An embedding (or none) and an LSTM or GRU of 32 units, their last output into Dense(1)."""

    def __init__(self, cell, features, words=0):
        super().__init__()
        self.embedding = nn.Embedding(words, features) if words else None
        self.rnn = cell(features, 32, batch_first=True)
        self.out = nn.Linear(32, 1)

    def forward(self, x):
        if self.embedding is not None:
            x = self.embedding(x)
        output, _ = self.rnn(x)
        return self.out(output[:, -1])


class ImdbConv1d(nn.Module):
    """Listing 7.7 (6.46's layers): Embedding(2000, 128), Conv1D(32, 7), MaxPooling1D(5), Conv1D(32, 7), global max."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(2_000, 128)
        self.convolutions = nn.Sequential(nn.Conv1d(128, 32, 7), nn.ReLU(), nn.MaxPool1d(5), nn.Conv1d(32, 32, 7),
                                          nn.ReLU(), nn.AdaptiveMaxPool1d(1), nn.Flatten())
        self.out = nn.Linear(32, 1)

    def forward(self, x):
        return self.out(self.convolutions(self.embedding(x).transpose(1, 2)))


class Posts(nn.Module):
    """Section 7.1.3: Embedding(50000, 256), five Conv1D with two MaxPooling1D(5), Dense(128), three heads."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(50_000, 256)
        layers, n_in = [], 256
        for n_out, pool in ((128, True), (256, False), (256, True), (256, False), (256, False)):
            layers += [nn.Conv1d(n_in, n_out, 5), nn.ReLU()] + ([nn.MaxPool1d(5)] if pool else [])
            n_in = n_out
        self.body = nn.Sequential(*layers, nn.AdaptiveMaxPool1d(1), nn.Flatten(), nn.Linear(256, 128), nn.ReLU())
        self.age, self.income, self.gender = nn.Linear(128, 1), nn.Linear(128, 10), nn.Linear(128, 1)

    def forward(self, x):
        h = self.body(self.embedding(x).transpose(1, 2))
        return self.age(h), self.income(h), self.gender(h)


def posts():
    """The three losses weighted as the book's loss_weights: 0.25 (MSE), 1 (categorical), 10 (binary)."""
    mse, categorical, binary_loss = nn.MSELoss(), nn.CrossEntropyLoss(), nn.BCEWithLogitsLoss()

    def loss(outputs, y):
        age, income, gender = outputs
        return 0.25 * mse(age, y[:, :1]) + categorical(income, y[:, 1].long()) + 10 * binary_loss(gender, y[:, 2:])
    return loss


def binary():
    return nn.BCEWithLogitsLoss()


def classes():
    return nn.CrossEntropyLoss()


# name: (model, input shape of one sample, samples an epoch, batch, loss, targets, words of an embedding)
MODELS = {
    "mnist-dense": (lambda: dense([784, 512, 10], nn.Identity()), (784,), 60_000, 128, classes, 10, 0),
    "imdb-dense": (lambda: dense([10_000, 16, 16, 1], nn.Identity()), (10_000,), 15_000, 512, binary, 1, 0),
    "reuters-dense": (lambda: dense([10_000, 64, 64, 46], nn.Identity()), (10_000,), 7_982, 512, classes, 46, 0),
    "boston-dense": (lambda: dense([13, 64, 64, 1], nn.Identity()), (13,), 404, 1, nn.MSELoss, 0, 0),
    "mnist-convnet": (mnist_convnet, (1, 28, 28), 60_000, 64, classes, 10, 0),
    "catsdogs-convnet": (lambda: convnet([3, 32, 64, 128, 128], [nn.Dropout(0.5), nn.Linear(6272, 512), nn.ReLU(),
                                                                 nn.Linear(512, 1)]),
                         (3, 150, 150), 2_000, 32, binary, 1, 0),
    "vgg16-features": (vgg16_base, (3, 150, 150), 200, 20, None, 0, 0),
    "imdb-lstm": (lambda: Recurrent(nn.LSTM, 32, words=10_000), (500,), 1_280, 128, binary, 1, 10_000),
    "jena-gru": (lambda: Recurrent(nn.GRU, 14), (240, 14), 1_280, 128, nn.L1Loss, 0, 0),
    "imdb-conv1d": (ImdbConv1d, (500,), 20_000, 128, binary, 1, 2_000),
    "posts-multi-output": (Posts, (500,), 1_280, 64, posts, 0, 50_000),
}


def targets(loss, width, n):
    if loss is classes:
        return torch.randint(width, (n,))
    if loss is binary:
        return torch.randint(2, (n, 1)).float()
    if loss is posts:  # age, income group, gender
        return torch.stack([torch.rand(n) * 80, torch.randint(10, (n,)).float(), torch.randint(2, (n,)).float()], 1)
    return torch.rand(n, 1) * 50


def epoch(model, x, y, batch, loss, optimiser):
    order = torch.randperm(len(x))  # a shuffle every epoch, as the Trainer does
    start = time.perf_counter()
    if loss is None:
        with torch.no_grad():
            for i in range(0, len(x), batch):
                model(x[i:i + batch])
    else:
        for i in range(0, len(x), batch):
            index = order[i:i + batch]
            optimiser.zero_grad()
            value = loss(model(x[index]), y[index])
            value.backward()
            optimiser.step()
    return time.perf_counter() - start


def run(name, epochs, samples):
    build, shape, n, batch, make_loss, width, words = MODELS[name]
    n = min(n, samples) if samples else n
    torch.manual_seed(0)
    x = torch.randint(words, (n,) + shape) if words else torch.rand((n,) + shape)
    model = build()
    loss = make_loss() if make_loss else None
    y = targets(make_loss, width, n) if make_loss else None
    model.train(loss is not None)
    optimiser = rmsprop(model) if loss is not None else None
    times = [epoch(model, x, y, batch, loss, optimiser) for _ in range(epochs + 1)][1:]
    median = statistics.median(times)
    print("model=%s samples=%d epoch_s=%.3f samples_per_s=%.1f threads=%d"
          % (name, n, median, n / median, torch.get_num_threads()), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", help="default: all of " + ", ".join(MODELS))
    parser.add_argument("--epochs", type=int, default=3, help="timed epochs after the warm-up (default: 3)")
    parser.add_argument("--samples", type=int, help="samples an epoch for every model, instead of the book's")
    parser.add_argument("--threads", type=int, default=os.cpu_count(),
                        help="threads of the native kernels (default: every core, as ND4J takes them)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)  # PyTorch may otherwise start with one, as OpenMP reports it
    for name in args.models or MODELS:
        if name not in MODELS:
            parser.error("unknown model %r; choose from %s" % (name, ", ".join(MODELS)))
    for name in args.models or MODELS:
        run(name, args.epochs, args.samples)


if __name__ == "__main__":
    main()
