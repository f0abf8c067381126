package io.semhash.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CodeShapeTest {

  @Test
  void layoutPutsEachClassInItsGroupsBitsLeastSignificantFirst() {
    CodeShape shape = new CodeShape(4, 4);
    BitCode code = shape.encode(new int[] {1, 2, 3, 0});
    // group 0 = bits 0,1 = "10"; group 1 = bits 2,3 = "01"; group 2 = "11"; group 3 = "00"
    assertEquals("10011100", code.toBitString());
    for (int g = 0; g < 4; g++) {
      assertEquals(new int[] {1, 2, 3, 0}[g], shape.classOf(code, g));
    }
  }

  @Test
  void roundTripsAcrossWordBoundariesForEveryWidth() {
    Random random = new Random(7);
    for (int classes = 2; classes <= 256; classes *= 2) {
      int w = Integer.numberOfTrailingZeros(classes);
      CodeShape shape = new CodeShape(Math.max(8, 192 / w), classes);
      int[] symbols = new int[shape.groups()];
      for (int g = 0; g < symbols.length; g++) {
        symbols[g] = random.nextInt(classes);
      }
      BitCode code = shape.encode(symbols);
      assertEquals(shape.groups() * w, code.bits());
      for (int g = 0; g < symbols.length; g++) {
        assertEquals(symbols[g], shape.classOf(code, g), "classes " + classes + " group " + g);
      }
    }
  }

  @Test
  void symbolDistanceCountsDifferingGroupsAndBinaryIsHamming() {
    CodeShape shape = new CodeShape(3, 16);
    BitCode a = shape.encode(new int[] {5, 9, 15});
    BitCode b = shape.encode(new int[] {4, 9, 0});
    assertEquals(2, shape.symbolDistance(a, b));
    assertEquals(1 + 4, a.distance(b)); // 5^4 has one bit, 15^0 four

    Random random = new Random(3);
    CodeShape binary = CodeShape.binary(70);
    assertTrue(binary.isBinary());
    BitCode x = BitCode.random(70, random);
    BitCode y = BitCode.random(70, random);
    assertEquals(x.distance(y), binary.symbolDistance(x, y));
  }

  @Test
  void badShapesAndCodesNameTheProblem() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new CodeShape(8, 3))
        .getMessage().contains("power of two in [2, 256], got 3"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new CodeShape(8, 512))
        .getMessage().contains("got 512"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new CodeShape(0, 4))
        .getMessage().contains("at least 1, got 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new CodeShape(3, 4))
        .getMessage().contains("take 6 bits"));
    CodeShape shape = new CodeShape(4, 4);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> shape.encode(new int[] {0, 1, 4, 0}))
        .getMessage().contains("class of group 2 must be in [0, 4), got 4"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> shape.classOf(BitCode.zeros(16), 0))
        .getMessage().contains("has 8 bits, got 16"));
    assertFalse(shape.isBinary());
    assertEquals(2, shape.bitsPerGroup());
  }

  @Test
  void ofBitsCutsALengthIntoGroupsOfItsClassesOrNamesWhyNot() {
    assertEquals(new CodeShape(32, 8), CodeShape.ofBits(96, 8));
    assertEquals(CodeShape.binary(16), CodeShape.ofBits(16, 2));
    assertEquals(new CodeShape(8, 256), CodeShape.ofBits(64, 256));
    IllegalArgumentException notDivisible = assertThrows(IllegalArgumentException.class, () -> CodeShape.ofBits(64, 8));
    assertTrue(notDivisible.getMessage().contains("64 bits do not split into groups of log2(8) = 3 bits"),
        notDivisible.getMessage());
    IllegalArgumentException notPower = assertThrows(IllegalArgumentException.class, () -> CodeShape.ofBits(64, 12));
    assertTrue(notPower.getMessage().contains("power of two in [2, 256], got 12"), notPower.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CodeShape.ofBits(4, 2));
  }
}
