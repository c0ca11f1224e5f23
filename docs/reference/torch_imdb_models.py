"""The PyTorch peer for chapter 4's IMDB models (section 4.4), for comparing distributions over seeds.

The same models as dlwj.chapter04.OverfittingAndUnderfitting, with Keras 2.0.8's settings: multi-hot
vectors of the 10,000 most frequent words, glorot_uniform weights and zero biases, Dense(units, relu)
layers (Dropout(0.5) after each for "dropout"), a sigmoid output, binary crossentropy with probabilities
clipped at 1e-7, RMSprop(lr=1e-3, rho=0.9, eps=1e-8) from a zero accumulator, batches of 512 shuffled
every epoch, 20 epochs, the 25,000 test reviews as validation data. Prints, per seed, the lowest
validation loss and its epoch.

    /usr/bin/python3 docs/reference/torch_imdb_models.py --data imdb.npz --model dropout --seeds 1 2 3

Needs Debian's python3-torch and python3-numpy; imdb.npz in Keras' layout.
"""
import argparse

import numpy as np
import torch
from torch import nn

MODELS = {"original": (2, 16, False), "smaller": (2, 4, False), "bigger": (2, 512, False), "dropout": (2, 16, True)}


def multi_hot(sequences, words=10_000):
    result = np.zeros((len(sequences), words), dtype=np.float32)
    for i, sequence in enumerate(sequences):
        result[i, [w for w in sequence if w < words]] = 1
    return torch.from_numpy(result)


def load(path):
    with np.load(path, allow_pickle=True) as f:
        x_train, y_train, x_test, y_test = f["x_train"], f["y_train"], f["x_test"], f["y_test"]
    # Keras' imdb.load_data(num_words=10000): index_from=3, start character 1, out-of-vocabulary 2
    def encode(sequences):
        return [[1] + [w + 3 if w + 3 < 10_000 else 2 for w in s] for s in sequences]
    return (multi_hot(encode(x_train)), torch.from_numpy(y_train.astype(np.float32)).unsqueeze(1),
            multi_hot(encode(x_test)), torch.from_numpy(y_test.astype(np.float32)).unsqueeze(1))


def build(name):
    hidden, units, dropout = MODELS[name]
    layers, inputs = [], 10_000
    for _ in range(hidden):
        layers += [nn.Linear(inputs, units), nn.ReLU()] + ([nn.Dropout(0.5)] if dropout else [])
        inputs = units
    layers += [nn.Linear(inputs, 1), nn.Sigmoid()]
    net = nn.Sequential(*layers)
    for layer in net:
        if isinstance(layer, nn.Linear):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    return net


def crossentropy(p, y):
    p = p.clamp(1e-7, 1 - 1e-7)
    return -(y * p.log() + (1 - y) * (1 - p).log()).mean()


def run(name, seed, data, epochs=20, batch=512):
    torch.manual_seed(seed)
    x, y, x_val, y_val = data
    net = build(name)
    optimizer = torch.optim.RMSprop(net.parameters(), lr=1e-3, alpha=0.9, eps=1e-8)
    losses = []
    for _ in range(epochs):
        net.train()
        for batch_rows in torch.randperm(len(x)).split(batch):
            optimizer.zero_grad()
            loss = crossentropy(net(x[batch_rows]), y[batch_rows])
            loss.backward()
            optimizer.step()
        net.eval()
        with torch.no_grad():
            losses.append(float(crossentropy(net(x_val), y_val)))
    best = int(np.argmin(losses))
    return losses[best], best + 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--model", choices=sorted(MODELS), default="dropout")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    data = load(args.data)
    for seed in args.seeds:
        loss, epoch = run(args.model, seed, data)
        print(f"{args.model} seed {seed}: lowest val_loss {loss:.3f} at epoch {epoch}", flush=True)


if __name__ == "__main__":
    main()
