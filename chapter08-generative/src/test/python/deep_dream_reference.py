#!/usr/bin/env python3
"""Writes the test data of DeepDreamTest: InceptionV3's layers up to mixed5 as Keras builds them (inception_v3.py:
every conv2d_bn a Conv2D without bias, a BatchNormalization without scale, epsilon 1e-3, and a ReLU; the stem's
poolings; the mixed blocks' branches concatenated on the channels), with every filter count divided by 16 and random
weights (seed 0), in exactly the layout of Keras 2's save_weights (conv2d_1/kernel:0, batch_normalization_1/beta:0,
moving_mean:0, moving_variance:0, ...); a 139 x 139 picture as inception_v3.preprocess_input leaves it (channels
last); the notebook 8.2's loss at that picture (mixed2 to mixed5, coefficients 0.2, 3, 2, 1.5, borders of 2 cropped,
each divided by its activation's size) and its gradient normalised by its mean absolute value, computed here with
PyTorch's autograd (BatchNormalization in inference, as under K.set_learning_phase(0)), independently of DL4J; and
its top left 10 x 12 corner resized to 7 x 15 as scipy.ndimage.zoom(order=1) resizes (corners aligned).

Run with Debian's python3-torch, python3-h5py and python3-numpy:
    /usr/bin/python3 deep_dream_reference.py ../resources/dlwj/chapter08
"""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../datasets/src/test/python'))
import keras_weights  # noqa: E402 (Keras' weight-file layout, shared with the datasets module's fixtures)

DIVISOR = 16
SIZE = 139
LAYER_CONTRIBUTIONS = {'mixed2': 0.2, 'mixed3': 3., 'mixed4': 2., 'mixed5': 1.5}


class Inception:
    """InceptionV3 up to mixed5, built in Keras' order (which numbers conv2d_1, conv2d_2, ...)."""

    def __init__(self, rng):
        self.rng = rng
        self.layers = []  # [(name, [(weight name, array)])] in creation order, for the weights file
        self.convolutions = 0
        self.channels = {}

    def conv2d_bn(self, x, filters, rows, cols, padding='same', strides=1):
        filters = max(1, filters // DIVISOR)
        self.convolutions += 1
        k = self.convolutions
        kernel = self.rng.uniform(-0.4, 0.4, (rows, cols, x.shape[1], filters)).astype('float32')
        beta = self.rng.uniform(-0.2, 0.2, filters).astype('float32')
        mean = self.rng.uniform(-0.2, 0.2, filters).astype('float32')
        variance = self.rng.uniform(0.5, 1.5, filters).astype('float32')
        self.layers.append((f'conv2d_{k}', [('kernel:0', kernel)]))
        self.layers.append((f'batch_normalization_{k}', [('beta:0', beta), ('moving_mean:0', mean),
                                                         ('moving_variance:0', variance)]))
        self.layers.append((f'activation_{k}', []))
        w = torch.tensor(kernel, dtype=torch.float64).permute(3, 2, 0, 1)
        if padding == 'same':
            # TensorFlow's 'same' for stride 1: (rows - 1) / 2 on each side (the kernels here are odd)
            x = F.conv2d(x, w, stride=strides, padding=((rows - 1) // 2, (cols - 1) // 2))
        else:
            x = F.conv2d(x, w, stride=strides)
        x = F.batch_norm(x, torch.tensor(mean, dtype=torch.float64), torch.tensor(variance, dtype=torch.float64),
                         None, torch.tensor(beta, dtype=torch.float64), False, 0., 1e-3)
        return F.relu(x)

    def named(self, name, x):
        self.layers.append((name, []))
        return x

    def avg_pool_same(self, x):
        return F.avg_pool2d(x, 3, stride=1, padding=1, count_include_pad=False)

    def build(self, x):
        outputs = {}
        x = self.conv2d_bn(x, 32, 3, 3, strides=2, padding='valid')
        x = self.conv2d_bn(x, 32, 3, 3, padding='valid')
        x = self.conv2d_bn(x, 64, 3, 3)
        x = F.max_pool2d(x, 3, stride=2)
        x = self.conv2d_bn(x, 80, 1, 1, padding='valid')
        x = self.conv2d_bn(x, 192, 3, 3, padding='valid')
        x = F.max_pool2d(x, 3, stride=2)
        for i, pool_filters in enumerate([32, 64, 64]):  # mixed0, mixed1, mixed2
            branch1x1 = self.conv2d_bn(x, 64, 1, 1)
            branch5x5 = self.conv2d_bn(self.conv2d_bn(x, 48, 1, 1), 64, 5, 5)
            branch3x3dbl = self.conv2d_bn(self.conv2d_bn(self.conv2d_bn(x, 64, 1, 1), 96, 3, 3), 96, 3, 3)
            branch_pool = self.conv2d_bn(self.avg_pool_same(x), pool_filters, 1, 1)
            x = outputs[f'mixed{i}'] = self.named(f'mixed{i}', torch.cat([branch1x1, branch5x5, branch3x3dbl,
                                                                         branch_pool], 1))
        branch3x3 = self.conv2d_bn(x, 384, 3, 3, strides=2, padding='valid')  # mixed3
        branch3x3dbl = self.conv2d_bn(self.conv2d_bn(self.conv2d_bn(x, 64, 1, 1), 96, 3, 3), 96, 3, 3, strides=2,
                                      padding='valid')
        branch_pool = F.max_pool2d(x, 3, stride=2)
        x = outputs['mixed3'] = self.named('mixed3', torch.cat([branch3x3, branch3x3dbl, branch_pool], 1))
        for i, filters in [(4, 128), (5, 160)]:  # mixed4, mixed5
            branch1x1 = self.conv2d_bn(x, 192, 1, 1)
            branch7x7 = self.conv2d_bn(self.conv2d_bn(self.conv2d_bn(x, filters, 1, 1), filters, 1, 7), 192, 7, 1)
            branch7x7dbl = self.conv2d_bn(x, filters, 1, 1)
            branch7x7dbl = self.conv2d_bn(branch7x7dbl, filters, 7, 1)
            branch7x7dbl = self.conv2d_bn(branch7x7dbl, filters, 1, 7)
            branch7x7dbl = self.conv2d_bn(branch7x7dbl, filters, 7, 1)
            branch7x7dbl = self.conv2d_bn(branch7x7dbl, 192, 1, 7)
            branch_pool = self.conv2d_bn(self.avg_pool_same(x), 192, 1, 1)
            x = outputs[f'mixed{i}'] = self.named(f'mixed{i}', torch.cat([branch1x1, branch7x7, branch7x7dbl,
                                                                         branch_pool], 1))
        return outputs


def main(folder):
    rng = np.random.RandomState(0)
    picture = rng.uniform(-1, 1, (1, SIZE, SIZE, 3)).astype('float32')  # preprocess_input's range
    x = torch.tensor(picture, dtype=torch.float64).permute(0, 3, 1, 2).requires_grad_()
    inception = Inception(rng)
    outputs = inception.build(x)
    keras_weights.write_named(os.path.join(folder, 'inception-v3-like-weights.h5'), inception.layers)

    loss = 0.
    for name, coeff in LAYER_CONTRIBUTIONS.items():
        activation = outputs[name].permute(0, 2, 3, 1)  # channels last, as Keras
        scaling = float(np.prod(activation.shape))
        loss = loss + coeff * (activation[:, 2:-2, 2:-2, :] ** 2).sum() / scaling
    loss.backward()
    grads = x.grad.permute(0, 2, 3, 1)
    grads = grads / torch.clamp(grads.abs().mean(), min=1e-7)

    corner = picture[:, :10, :12, :]
    resized = F.interpolate(torch.tensor(corner).permute(0, 3, 1, 2), size=(7, 15), mode='bilinear',
                            align_corners=True).permute(0, 2, 3, 1)
    np.savez(os.path.join(folder, 'deep-dream-reference.npz'), picture=picture, loss=np.array(loss.item()),
             gradient=grads.numpy().astype('float32'), corner=corner, resized=resized.numpy())
    print('convolutions', inception.convolutions, 'loss', loss.item(),
          {name: tuple(outputs[name].shape) for name in LAYER_CONTRIBUTIONS})


if __name__ == '__main__':
    main(sys.argv[1])
