"""Keras' HDF5 weight-file layout, shared by the scripts that write test and stand-in weight files (here and
in chapter05-convnets/src/test/python)."""
import h5py
import numpy as np


def write(path, layers, keras2=False):
    """Writes layers [(name, kernel, bias)] (kernel and bias None for a layer without weights) in the layout of
    Keras' VGG16 downloads (vgg16_weights_tf_dim_ordering_tf_kernels[_notop].h5, written by Keras 1's
    save_weights for fchollet/deep-learning-models v0.1): the root's only attribute 'layer_names' starts with
    the weightless input layer input_1 and lists every layer, pooling and flatten included; each layer's
    group has the attribute 'weight_names' naming its kernel and bias, <layer>_W_1:0 and <layer>_b_1:0,
    datasets directly in the group (an empty float64 array for a layer without weights, which is how h5py
    stores Keras' empty list). All names are fixed-length byte strings (numpy dtype 'S'), as h5py stores
    Keras' lists of encoded names.

    keras2=True writes Keras 2's save_weights layout instead: the datasets at <layer>/kernel:0 and
    <layer>/bias:0 in a group nested in the layer's, and the root attributes keras_version and backend."""
    named = []
    for name, kernel, bias in layers:
        if kernel is None:
            named.append((name, []))
        elif keras2:
            named.append((name, [('kernel:0', kernel), ('bias:0', bias)]))
        else:
            named.append((name, [(f'{name}_W_1:0', kernel), (f'{name}_b_1:0', bias)]))
    write_named(path, named, keras2)


def write_named(path, layers, keras2=True):
    """Writes layers [(name, [(weight name, array), ...])], an empty list for a layer without weights, as write()
    does: with keras2=True each weight at <layer>/<weight name> in a group nested in the layer's (Keras 2's
    save_weights, as InceptionV3's conv2d_1/kernel:0 and batch_normalization_1/moving_mean:0), else directly in the
    layer's group."""
    layers = [('input_1', [])] + layers
    with h5py.File(path, 'w') as f:
        f.attrs['layer_names'] = np.array([name.encode('utf8') for name, _ in layers], dtype='S')
        if keras2:
            f.attrs['keras_version'] = b'2.1.6'
            f.attrs['backend'] = b'tensorflow'
        for name, weights in layers:
            g = f.create_group(name)
            if not weights:
                g.attrs['weight_names'] = np.array([], dtype='float64')
                continue
            names = [f'{name}/{weight}' if keras2 else weight for weight, _ in weights]
            g.attrs['weight_names'] = np.array([n.encode('utf8') for n in names], dtype='S')
            for weight_name, (_, array) in zip(names, weights):
                g.create_dataset(weight_name, data=array)
