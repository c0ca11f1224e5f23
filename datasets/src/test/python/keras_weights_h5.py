#!/usr/bin/env python3
"""Writes keras-weights.h5: a reduced VGG-like stack in exactly the HDF5 layout of Keras' VGG16 downloads
(see keras_weights.write: input_1 first in layer_names, the weightless block1_pool listed with an empty
weight_names, the arrays at <layer>/<layer>_W_1:0 and <layer>_b_1:0), and keras-weights-keras2.h5, the same
weights in Keras 2's save_weights layout (<layer>/<layer>/kernel:0 and bias:0).
Kernel values are 0.001 * (C-order index), bias values 0.5 * index.
Run with Debian's python3-h5py:  /usr/bin/python3 keras_weights_h5.py ../resources/dlwj/datasets
"""
import os
import sys

import numpy as np

import keras_weights

shapes = [('block1_conv1', (3, 3, 3, 4)), ('block1_pool', None), ('block2_conv1', (3, 3, 4, 2))]
layers = [(name, None, None) if shape is None else
          (name, (np.arange(np.prod(shape)) * 0.001).reshape(shape).astype('float32'),
           (np.arange(shape[-1]) * 0.5).astype('float32')) for name, shape in shapes]
keras_weights.write(os.path.join(sys.argv[1], 'keras-weights.h5'), layers)
keras_weights.write(os.path.join(sys.argv[1], 'keras-weights-keras2.h5'), layers, keras2=True)
