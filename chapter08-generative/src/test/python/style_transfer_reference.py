#!/usr/bin/env python3
"""Writes the test data of StyleTransferLossTest: a VGG19-like convolutional base (VGG19's 16 convolutions in its
five blocks, 4 filters each, random weights, seed 0) in exactly the HDF5 layout of Keras' VGG19 download, three
preprocessed 32 x 48 pictures (target, style reference, combination; channels last, as Keras holds them), and the
notebook 8.3's loss at the combination and its gradient with respect to it, computed here with PyTorch's autograd
from the notebook's formulas (channels last, kernels (h, w, in, out), 'same' 3x3 convolutions with ReLU, 2x2 max
pooling), independently of DL4J.

Run with Debian's python3-torch, python3-h5py and python3-numpy:
    /usr/bin/python3 style_transfer_reference.py ../resources/dlwj/chapter08
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../datasets/src/test/python'))
import keras_weights  # noqa: E402 (Keras' weight-file layout, shared with the datasets module's fixtures)

BLOCKS = [2, 2, 4, 4, 4]  # VGG19's convolutions per block
FILTERS = 4
HEIGHT, WIDTH = 32, 48
CONTENT_LAYER = 'block5_conv2'
STYLE_LAYERS = ['block1_conv1', 'block2_conv1', 'block3_conv1', 'block4_conv1', 'block5_conv1']
TOTAL_VARIATION_WEIGHT, STYLE_WEIGHT, CONTENT_WEIGHT = 1e-4, 1., 0.025


def outputs(x, layers):
    """x: (1, h, w, c) float64. Each layer's output by name, as Keras' VGG19 computes it."""
    result = {}
    x = x.permute(0, 3, 1, 2)
    for name, kernel, bias in layers:
        if kernel is None:
            x = torch.nn.functional.max_pool2d(x, 2)
        else:
            w = torch.tensor(kernel, dtype=torch.float64).permute(3, 2, 0, 1)
            x = torch.relu(torch.nn.functional.conv2d(x, w, torch.tensor(bias, dtype=torch.float64), padding=1))
        result[name] = x.permute(0, 2, 3, 1)[0]  # (h, w, c), as layer_features[i, :, :, :]
    return result


def gram_matrix(x):
    features = x.permute(2, 0, 1).reshape(x.shape[2], -1)
    return features @ features.T


def style_loss(style, combination):
    channels = 3
    size = HEIGHT * WIDTH
    return ((gram_matrix(style) - gram_matrix(combination)) ** 2).sum() / (4. * (channels ** 2) * (size ** 2))


def total_variation_loss(x):
    a = (x[:, :HEIGHT - 1, :WIDTH - 1, :] - x[:, 1:, :WIDTH - 1, :]) ** 2
    b = (x[:, :HEIGHT - 1, :WIDTH - 1, :] - x[:, :HEIGHT - 1, 1:, :]) ** 2
    return ((a + b) ** 1.25).sum()


def main(folder):
    rng = np.random.RandomState(0)
    layers = []
    channels = 3
    for b, convolutions in enumerate(BLOCKS, start=1):
        for c in range(1, convolutions + 1):
            kernel = rng.uniform(-0.5, 0.5, (3, 3, channels, FILTERS)).astype('float32')
            bias = rng.uniform(-0.1, 0.1, FILTERS).astype('float32')
            layers.append((f'block{b}_conv{c}', kernel, bias))
            channels = FILTERS
        layers.append((f'block{b}_pool', None, None))
    keras_weights.write(os.path.join(folder, 'vgg19-like-weights.h5'), layers)

    # preprocessed pictures (BGR minus ImageNet's mean, from about -124 to 152), smooth as photos are: 4 x 6
    # random colours blown up 8 times, plus a little noise
    target, style, combination = (
        (np.kron(rng.uniform(-100, 100, (1, 4, 6, 3)), np.ones((1, 8, 8, 1))) + rng.uniform(-5, 5, (1, HEIGHT, WIDTH, 3)))
        .astype('float32') for _ in range(3))
    target_features = outputs(torch.tensor(target, dtype=torch.float64), layers)
    style_features = outputs(torch.tensor(style, dtype=torch.float64), layers)
    x = torch.tensor(combination, dtype=torch.float64, requires_grad=True)
    combination_features = outputs(x, layers)
    content_loss = CONTENT_WEIGHT * ((combination_features[CONTENT_LAYER] - target_features[CONTENT_LAYER]) ** 2).sum()
    style_loss_sum = sum(STYLE_WEIGHT / len(STYLE_LAYERS) * style_loss(style_features[name], combination_features[name])
                for name in STYLE_LAYERS)
    variation = TOTAL_VARIATION_WEIGHT * total_variation_loss(x)
    loss = content_loss + style_loss_sum + variation
    loss.backward()
    np.savez(os.path.join(folder, 'style-transfer-reference.npz'), target=target, style=style,
             combination=combination, loss=np.array(loss.item()), gradient=x.grad.numpy())
    print('loss', loss.item(), 'content', content_loss.item(), 'style', style_loss_sum.item(),
          'total variation', variation.item())


if __name__ == '__main__':
    main(sys.argv[1])
