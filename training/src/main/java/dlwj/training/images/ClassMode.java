package dlwj.training.images;

/** Keras' {@code class_mode} of {@code flow_from_directory}: the labels a batch of pictures comes with. */
public enum ClassMode {
    /** {@code 'categorical'}, Keras' default: one-hot labels, one column per class. */
    CATEGORICAL,
    /** {@code 'binary'}: one column, 0 for the first class and 1 for the second, for a sigmoid output. */
    BINARY
}
