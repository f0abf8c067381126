package io.semhash.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitCodeTest {

  @Test
  void bitOrderFollowsTheDesignContract() {
    // bit i is bit (i mod 64) of word i / 64
    BitCode c = BitCode.zeros(128).flip(0).flip(65);
    assertThat(c.word(0)).isEqualTo(1L);
    assertThat(c.word(1)).isEqualTo(2L);
    assertThat(c.get(0)).isTrue();
    assertThat(c.get(65)).isTrue();
    assertThat(c.get(64)).isFalse();
    // hex is the little-endian byte order on disk: byte 0 first
    assertThat(c.toHex()).isEqualTo("0100000000000000" + "0200000000000000");
    assertThat(BitCode.fromBitString("1000000001").toBitString()).isEqualTo("1000000001");
    assertThat(BitCode.fromBitString("10000000").toHex()).isEqualTo("01");
    assertThat(BitCode.fromBitString("00000001").toHex()).isEqualTo("80");
  }

  @Test
  void hexRoundTripsForAllLengths() {
    SplittableRandom r = new SplittableRandom(7);
    for (int bits = BitCode.MIN_BITS; bits <= BitCode.MAX_BITS; bits += 7) {
      BitCode c = BitCode.random(bits, r);
      assertThat(c.toHex()).hasSize(2 * ((bits + 7) / 8));
      assertThat(BitCode.fromHex(c.toHex(), bits)).isEqualTo(c);
      assertThat(BitCode.fromBitString(c.toBitString())).isEqualTo(c);
    }
  }

  @Test
  void bytesAreTheBytesTheHexFormSpells() {
    SplittableRandom r = new SplittableRandom(11);
    for (int bits = BitCode.MIN_BITS; bits <= BitCode.MAX_BITS; bits += 13) {
      BitCode c = BitCode.random(bits, r);
      byte[] bytes = c.toBytes();
      assertThat(java.util.HexFormat.of().formatHex(bytes)).isEqualTo(c.toHex());
      byte[] padded = new byte[bytes.length + 3];
      System.arraycopy(bytes, 0, padded, 2, bytes.length);
      assertThat(BitCode.fromBytes(bits, padded, 2, bytes.length)).isEqualTo(c);
    }
    assertThat(BitCode.fromBytes(16, new byte[] {1, (byte) 0x80}, 0, 2).toBitString())
        .isEqualTo("1000000000000001");
    assertThatThrownBy(() -> BitCode.fromBytes(64, new byte[7], 0, 7)).hasMessageContaining("8 bytes, got 7");
    assertThatThrownBy(() -> BitCode.fromBytes(12, new byte[] {0, (byte) 0x10}, 0, 2)).hasMessageContaining("bit 12");
  }

  @Test
  void distanceCountsDifferingBits() {
    SplittableRandom r = new SplittableRandom(1);
    BitCode a = BitCode.random(200, r);
    BitCode b = a.flip(3).flip(150).flip(199);
    assertThat(a.distance(b)).isEqualTo(3);
    assertThat(a.distance(a)).isZero();
    assertThatThrownBy(() -> a.distance(BitCode.zeros(64)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("200").hasMessageContaining("64");
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> BitCode.zeros(7)).hasMessageContaining("7").hasMessageContaining("[8, 1024]");
    assertThatThrownBy(() -> BitCode.zeros(1025)).hasMessageContaining("1025");
    assertThatThrownBy(() -> BitCode.of(64, 1L, 2L)).hasMessageContaining("1 words, got 2");
    assertThatThrownBy(() -> BitCode.of(60, 1L << 61)).hasMessageContaining("bit 61").hasMessageContaining("60 bits");
    assertThatThrownBy(() -> BitCode.fromHex("0g", 8)).hasMessageContaining("not a hex digit");
    assertThatThrownBy(() -> BitCode.fromHex("00", 16)).hasMessageContaining("4 digits");
    assertThatThrownBy(() -> BitCode.fromHex("ffff", 12)).hasMessageContaining("bit 12");
  }

  @Test
  void codeArrayIsFlat() {
    CodeArray a = CodeArray.create(100, 1);
    SplittableRandom r = new SplittableRandom(3);
    BitCode[] cs = new BitCode[50];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = BitCode.random(100, r);
      assertThat(a.add(cs[i])).isEqualTo(i);
    }
    assertThat(a.size()).isEqualTo(50);
    assertThat(a.wordsPerCode()).isEqualTo(2);
    for (int i = 0; i < cs.length; i++) {
      assertThat(a.get(i)).isEqualTo(cs[i]);
      assertThat(a.distance(i, cs[0].toWords())).isEqualTo(cs[i].distance(cs[0]));
    }
    assertThatThrownBy(() -> a.add(BitCode.zeros(64))).hasMessageContaining("64 bits");
  }
}
