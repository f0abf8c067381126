package io.semhash.spark;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The job's class path holds no DL4J, ND4J or native BLAS: the encoder runs without them. */
class ClassPathTest {
  @Test
  void noDl4jNd4jOrBytedecoOnTheClassPath() {
    for (String name : new String[] {"org.nd4j.linalg.factory.Nd4j", "org.deeplearning4j.nn.multilayer.MultiLayerNetwork",
        "org.bytedeco.javacpp.Loader", "io.javalin.Javalin", "ch.qos.logback.classic.Logger"}) {
      assertThatThrownBy(() -> Class.forName(name)).as(name).isInstanceOf(ClassNotFoundException.class);
    }
  }
}
