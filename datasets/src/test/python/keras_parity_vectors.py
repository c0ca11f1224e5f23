#!/usr/bin/env python3
"""Writes the expected values of the Keras-parity tests, computed by numpy itself.

Run with Debian's python3-numpy:  python3 keras_parity_vectors.py > ../resources/dlwj/datasets/keras-parity.json

The encoding cases follow the steps that Keras' imdb.load_data and reuters.load_data document: shuffle
with RandomState(seed), start_char/index_from, drop sequences of length >= maxlen, then replace words
outside [skip_top, num_words) by oov_char (or drop them), num_words defaulting to the largest index.
"""
import json
import numpy as np


def encode(xs, start_char, index_from):
    if start_char is not None:
        return [[start_char] + [w + index_from for w in x] for x in xs]
    return [[w + index_from for w in x] for x in xs]


def remove_long(maxlen, xs, labels):
    kept = [(x, y) for x, y in zip(xs, labels) if len(x) < maxlen]
    return [x for x, _ in kept], [y for _, y in kept]


def cut(xs, num_words, skip_top, oov_char):
    if oov_char is not None:
        return [[w if skip_top <= w < num_words else oov_char for w in x] for x in xs]
    return [[w for w in x if skip_top <= w < num_words] for x in xs]


def imdb(x_train, y_train, x_test, y_test, num_words=None, skip_top=0, maxlen=None, seed=113,
         start_char=1, oov_char=2, index_from=3):
    rng = np.random.RandomState(seed)
    i = np.arange(len(x_train)); rng.shuffle(i)
    x_train = [x_train[k] for k in i]; y_train = [y_train[k] for k in i]
    i = np.arange(len(x_test)); rng.shuffle(i)
    x_test = [x_test[k] for k in i]; y_test = [y_test[k] for k in i]
    x_train, x_test = encode(x_train, start_char, index_from), encode(x_test, start_char, index_from)
    if maxlen:
        x_train, y_train = remove_long(maxlen, x_train, y_train)
        x_test, y_test = remove_long(maxlen, x_test, y_test)
    xs = x_train + x_test
    if not num_words:
        num_words = max(max(x) for x in xs)
    xs = cut(xs, num_words, skip_top, oov_char)
    n = len(x_train)
    return {'x_train': xs[:n], 'y_train': y_train, 'x_test': xs[n:], 'y_test': y_test}


def reuters(xs, labels, num_words=None, skip_top=0, maxlen=None, test_split=0.2, seed=113,
            start_char=1, oov_char=2, index_from=3):
    rng = np.random.RandomState(seed)
    i = np.arange(len(xs)); rng.shuffle(i)
    xs = [xs[k] for k in i]; labels = [labels[k] for k in i]
    xs = encode(xs, start_char, index_from)
    if maxlen:
        xs, labels = remove_long(maxlen, xs, labels)
    if not num_words:
        num_words = max(max(x) for x in xs)
    xs = cut(xs, num_words, skip_top, oov_char)
    n = int(len(xs) * (1 - test_split))
    return {'x_train': xs[:n], 'y_train': labels[:n], 'x_test': xs[n:], 'y_test': labels[n:]}


def shuffled(seed, *sizes):
    rng = np.random.RandomState(seed)
    out = []
    for n in sizes:
        i = np.arange(n); rng.shuffle(i); out.append(i.tolist())
    return out


data_rng = np.random.RandomState(7)
def sequences(count):
    return [data_rng.randint(1, 40, size=data_rng.randint(1, 12)).tolist() for _ in range(count)]

x_train, x_test = sequences(9), sequences(7)
y_train, y_test = data_rng.randint(0, 2, 9).tolist(), data_rng.randint(0, 2, 7).tolist()
newswires, topics = sequences(23), data_rng.randint(0, 5, 23).tolist()

options = [
    {},
    {'num_words': 20},
    {'num_words': 20, 'skip_top': 5},
    {'maxlen': 8},
    {'seed': 1, 'start_char': None, 'oov_char': None, 'index_from': 0},
    {'num_words': 15, 'oov_char': None, 'index_from': 1},
]
print(json.dumps({
    'uint32_seed_113': np.random.RandomState(113).randint(0, 2**32, size=8, dtype=np.uint32).tolist(),
    'uint32_seed_4294967295': np.random.RandomState(2**32 - 1).randint(0, 2**32, size=4, dtype=np.uint32).tolist(),
    'shuffle_seed_113_10_then_7': shuffled(113, 10, 7),
    'shuffle_seed_113_506': shuffled(113, 506)[0],
    'shuffle_seed_113_25000_twice_heads': [s[:20] for s in shuffled(113, 25000, 25000)],
    'shuffle_seed_113_11228_head': shuffled(113, 11228)[0][:20],
    'imdb_input': {'x_train': x_train, 'y_train': y_train, 'x_test': x_test, 'y_test': y_test},
    'reuters_input': {'x': newswires, 'y': topics},
    'cases': [{'options': o, 'imdb': imdb(x_train, y_train, x_test, y_test, **o),
               'reuters': reuters(newswires, topics, **o)} for o in options],
}, indent=None))
