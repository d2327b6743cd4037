package dev.latentlab.data;

import static dev.latentlab.data.NpyBytes.bytes;
import static dev.latentlab.data.NpyBytes.floats;
import static dev.latentlab.data.NpyBytes.ints;
import static dev.latentlab.data.NpyBytes.npy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NpyArrayTest {
    @Test
    void parsesEveryIntegerWidthAndSignedness() {
        long[] values = {0, 1, -2, 3};
        String[][] cases = {{"|i1", "1"}, {"<i2", "2"}, {"<i4", "4"}, {"<i8", "8"}};
        for (String[] c : cases) {
            NpyArray a = NpyArray.parse(npy(c[0], false, "(4,)", ints(ByteOrder.LITTLE_ENDIAN, Integer.parseInt(c[1]), values)));
            assertThat(new long[] {a.getLong(0), a.getLong(1), a.getLong(2), a.getLong(3)}).as(c[0]).containsExactly(values);
        }
        NpyArray u1 = NpyArray.parse(npy("|u1", false, "(2,)", bytes(255, 7)));
        NpyArray u2 = NpyArray.parse(npy("<u2", false, "(1,)", ints(ByteOrder.LITTLE_ENDIAN, 2, 65535)));
        NpyArray u4 = NpyArray.parse(npy("<u4", false, "(1,)", ints(ByteOrder.LITTLE_ENDIAN, 4, 0xffffffffL)));
        NpyArray u8 = NpyArray.parse(npy("<u8", false, "(1,)", ints(ByteOrder.LITTLE_ENDIAN, 8, -1L)));
        NpyArray b1 = NpyArray.parse(npy("|b1", false, "(3,)", bytes(0, 1, 1)));

        assertThat(u1.getLong(0)).isEqualTo(255);
        assertThat(u1.dtype()).isEqualTo(NpyDtype.UINT8);
        assertThat(u2.getLong(0)).isEqualTo(65535);
        assertThat(u4.getLong(0)).isEqualTo(4294967295L);
        assertThat(u8.getDouble(0)).isEqualTo(18446744073709551615.0);
        assertThat(b1.dtype()).isEqualTo(NpyDtype.BOOL);
        assertThat(b1.getLong(1)).isEqualTo(1);
    }

    @Test
    void readsBigEndianData() {
        NpyArray f = NpyArray.parse(npy(">f4", false, "(2,)", floats(ByteOrder.BIG_ENDIAN, 0.5f, -2f)));
        NpyArray i = NpyArray.parse(npy(">i8", false, "(1,)", ints(ByteOrder.BIG_ENDIAN, 8, 123456789012L)));

        assertThat(f.toDoubleArray()).containsExactly(0.5, -2.0);
        assertThat(i.getLong(0)).isEqualTo(123456789012L);
    }

    @Test
    void reordersFortranDataToCOrder() {
        // the 2x3 matrix [[0,1,2],[3,4,5]] is stored column by column: 0,3,1,4,2,5
        NpyArray a = NpyArray.parse(npy("|u1", true, "(2, 3)", bytes(0, 3, 1, 4, 2, 5)));
        // a 2x2x2 array with value 4i+2j+k at [i,j,k]; Fortran order varies i fastest
        NpyArray b = NpyArray.parse(npy("<i2", true, "(2, 2, 2)",
                ints(ByteOrder.LITTLE_ENDIAN, 2, 0, 4, 2, 6, 1, 5, 3, 7)));

        assertThat(a.toUint8Array()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(b.toDoubleArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void readsFormatVersion2AndScalarShapes() {
        NpyArray a = NpyArray.parse(npy(2, "<f8", false, "(3,)", NpyBytes.doubles(1, 2, 3)));
        NpyArray scalar = NpyArray.parse(npy("<f8", false, "()", NpyBytes.doubles(4.5)));

        assertThat(a.toDoubleArray()).containsExactly(1, 2, 3);
        assertThat(scalar.rank()).isZero();
        assertThat(scalar.getDouble(0)).isEqualTo(4.5);
    }

    @Test
    void writesANumpyHeaderAndRoundTrips() {
        NpyArray a = NpyArray.ofFloat64(new double[] {1.5, -2, 3, 4, 5, 6}, 2, 3);
        byte[] bytes = a.toNpyBytes();
        String header = new String(bytes, 10, (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8, StandardCharsets.US_ASCII);
        NpyArray back = NpyArray.parse(bytes);

        assertThat(header).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
        assertThat((bytes.length - 48) % 64).isZero();
        assertThat(back.shape()).containsExactly(2, 3);
        assertThat(back.toDoubleArray()).containsExactly(1.5, -2, 3, 4, 5, 6);
        assertThat(NpyArray.parse(NpyArray.ofInt64(new long[] {-5, 9}, 2).toNpyBytes()).getLong(0)).isEqualTo(-5);
        assertThat(new String(NpyArray.ofInt64(new long[] {7}, 1).toNpyBytes(), 10, 60, StandardCharsets.US_ASCII))
                .contains("'shape': (1,)");
        assertThat(NpyArray.parse(NpyArray.ofUint8(bytes(200, 1), 2, 1).toNpyBytes()).toUint8Array())
                .containsExactly(bytes(200, 1));
    }

    @Test
    void bigEndianArraysAreWrittenLittleEndian() {
        NpyArray be = NpyArray.parse(npy(">f4", false, "(2,)", floats(ByteOrder.BIG_ENDIAN, 0.25f, 8f)));
        byte[] written = be.toNpyBytes();

        assertThat(new String(written, 10, 20, StandardCharsets.US_ASCII)).contains("'<f4'");
        assertThat(NpyArray.parse(written).toDoubleArray()).containsExactly(0.25, 8.0);
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> NpyArray.parse("hello world, not numpy".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("not a .npy array");
        assertThatThrownBy(() -> NpyArray.parse(npy("<f2", false, "(1,)", bytes(0, 0))))
                .hasMessageContaining("dtype '<f2' is not supported");
        assertThatThrownBy(() -> NpyArray.parse(npy("<c16", false, "(1,)", new byte[16])))
                .hasMessageContaining("not supported");
        assertThatThrownBy(() -> NpyArray.parse(npy("|O", false, "(1,)", new byte[8])))
                .hasMessageContaining("unsupported dtype");
        assertThatThrownBy(() -> NpyArray.parse(npy("<f4", false, "(3,)", new byte[8])))
                .hasMessageContaining("data of 8 bytes, expected 12");
        assertThatThrownBy(() -> NpyArray.parse(npy(4, "<f4", false, "(1,)", new byte[4])))
                .hasMessageContaining("version 4");
        assertThatThrownBy(() -> NpyArray.ofInt64(new long[] {1, 2, 3}, 2, 2))
                .hasMessageContaining("do not fill shape");
    }
}
