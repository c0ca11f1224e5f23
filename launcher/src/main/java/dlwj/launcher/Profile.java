package dlwj.launcher;

/** How long the reproduction may take. */
public enum Profile {

    /** Every example at the book's settings: about 17.5 hours on a 2-core CPU, 12 of them VGG16 (5.3.2). */
    BOOK("the book's settings"),

    /**
     * The book's settings where a run takes minutes; fewer epochs where it takes hours (dogs vs cats, VGG16),
     * about 1 hour on a 2-core CPU. The results table says which profile measured each row.
     */
    LAPTOP("laptop profile"),

    /** Every example's {@code --quick} smoke run on a small part of the data: minutes; the docs are left alone. */
    QUICK("quick smoke run");

    private final String description;

    Profile(String description) {
        this.description = description;
    }

    /** What the results table says of it. */
    public String description() {
        return description;
    }
}
