package dev.latentlab.data;

/**
 * The numpy element types that {@link NpyArray} reads and writes: booleans, signed and unsigned integers of
 * 1 to 8 bytes, float32 and float64. Others (float16, complex, strings, objects, structured types) are not
 * supported.
 */
public enum NpyDtype {
    BOOL('b', 1), INT8('i', 1), UINT8('u', 1), INT16('i', 2), UINT16('u', 2), INT32('i', 4), UINT32('u', 4),
    INT64('i', 8), UINT64('u', 8), FLOAT32('f', 4), FLOAT64('f', 8);

    private final char kind;
    private final int size;

    NpyDtype(char kind, int size) {
        this.kind = kind;
        this.size = size;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** True for the integer types and bool. */
    public boolean isIntegral() {
        return kind != 'f';
    }

    public boolean isFloat() {
        return kind == 'f';
    }

    /** numpy's name of the type: uint8, int64, float32, bool … */
    public String numpyName() {
        return switch (kind) {
            case 'b' -> "bool";
            case 'i' -> "int" + 8 * size;
            case 'u' -> "uint" + 8 * size;
            default -> "float" + 8 * size;
        };
    }

    /** The type of a numpy kind character and size, or null when not supported. */
    static NpyDtype of(char kind, int size) {
        for (NpyDtype t : values()) {
            if (t.kind == kind && t.size == size) {
                return t;
            }
        }
        return null;
    }

    /** The little-endian descriptor numpy writes for this type: {@code |u1}, {@code <i8}, {@code <f4} … */
    String descriptor() {
        return (size == 1 ? "|" : "<") + kind + size;
    }
}
